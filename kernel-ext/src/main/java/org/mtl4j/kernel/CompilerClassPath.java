package org.mtl4j.kernel;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Opens the kernel's jars for the compiler while the rest of the kernel starts. Before its first
 * compilation javac reads the directory of every jar on the class path (about 30 000 entries in
 * the kernel's 64 jars, over half a second at start-up); {@link #openInBackground()} does that on
 * a thread of its own, and {@link JShellEvaluator} compiles with the file manager it prepared.
 *
 * <p>Example (what {@link KernelMain} does first):
 *
 * <pre>{@code
 * CompilerClassPath.openInBackground();
 * ...
 * JShell.builder().fileManager(CompilerClassPath::prepared).build();
 * }</pre>
 */
final class CompilerClassPath {

    private static CompletableFuture<StandardJavaFileManager> opening;

    private CompilerClassPath() {}

    /** Starts opening the class path's jars on a daemon thread (once per JVM). */
    static synchronized void openInBackground() {
        if (opening != null) {
            return;
        }
        CompletableFuture<StandardJavaFileManager> result = new CompletableFuture<>();
        opening = result;
        Thread thread = new Thread(() -> {
            try {
                StandardJavaFileManager manager = ToolProvider.getSystemJavaCompiler()
                        .getStandardFileManager(null, null, null);
                // listing any package makes the manager open and index every jar
                manager.list(StandardLocation.CLASS_PATH, "REPL",
                        Set.of(JavaFileObject.Kind.CLASS), false);
                result.complete(manager);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "mtl4j-classpath");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The file manager {@link #openInBackground()} prepared (waiting for it), closing {@code
     * jshells} (the one JShell made); {@code jshells} itself when nothing was prepared or
     * preparing failed. Hands the prepared manager out once.
     */
    static synchronized StandardJavaFileManager prepared(StandardJavaFileManager jshells) {
        CompletableFuture<StandardJavaFileManager> pending = opening;
        if (pending == null) {
            return jshells;
        }
        opening = CompletableFuture.failedFuture(new IllegalStateException("handed out"));
        StandardJavaFileManager manager;
        try {
            manager = pending.join();
        } catch (RuntimeException e) {
            return jshells;
        }
        try {
            jshells.close();
        } catch (IOException e) {
            // it opened nothing yet; the prepared manager is the one in use either way
        }
        return manager;
    }
}
