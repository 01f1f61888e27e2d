package org.mtl4j.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.mtl4j.kernel.sockets.KernelConnection;
import sun.misc.Signal;

/**
 * Starts the kernel for a Jupyter connection file: binds the five sockets on the transport and
 * address the file names, serves until shut down. Extra class path entries come from
 * {@code MTL4J_CLASSPATH} (path-separator separated, globs allowed). SIGINT interrupts the
 * running cell instead of ending the JVM (for front ends that interrupt by signal).
 *
 * <p>Example (what the kernelspec runs): {@code java -cp 'lib/*' org.mtl4j.kernel.KernelMain
 * /run/user/0/jupyter/kernel-1234.json}
 */
public final class KernelMain {

    private KernelMain() {}

    /** The argument that runs {@link #warmUp()} instead of a kernel. */
    public static final String WARM_UP = "--warm-up";

    /** Runs the kernel. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: KernelMain CONNECTION_FILE (Jupyter passes it).");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        CompilerClassPath.openInBackground();
        if (args[0].equals(WARM_UP)) {
            warmUp();
            System.exit(0);
        }
        // JShell and the imports (most of the start-up) get ready while the sockets are bound
        CompletableFuture<Mtl4jKernel> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                Mtl4jKernel kernel = Mtl4jKernel.create(extraClasspath());
                kernel.onStartup();
                starting.complete(kernel);
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "mtl4j-start");
        starter.start();
        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        KernelConnection connection = new KernelConnection(properties);
        connection.bind();
        Mtl4jKernel kernel = starting.join();
        Signal.handle(new Signal("INT"), signal -> kernel.interrupt());
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    /**
     * What a kernel does at start and in its first cells (JShell, the imports, a value, a chart,
     * a table), without sockets: the installer runs it once to record the classes a kernel loads
     * in a class-data-sharing archive, which later kernels map instead of loading them again.
     */
    static void warmUp() {
        Mtl4jKernel kernel = Mtl4jKernel.create(List.of());
        kernel.onStartup();
        kernel.eval("1 + 1");
        kernel.eval("Charts.loss(TrainingHistory.empty(List.of(\"a\")))");
        kernel.eval("SeedExample.table(5, 2, 1)");
        kernel.onShutdown(false);
    }

    private static List<String> extraClasspath() {
        String value = System.getenv("MTL4J_CLASSPATH");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            try {
                entries.addAll(ClasspathEntries.expand(List.of(entry)));
            } catch (IllegalArgumentException e) {
                System.err.println("mtl4j: ignoring MTL4J_CLASSPATH entry '" + entry + "': "
                        + e.getMessage());
            }
        }
        return entries;
    }
}
