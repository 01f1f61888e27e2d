package org.mtl4j.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * The kernel's magics: {@code %classpath PATH...} (adds jars or folders; globs such as {@code
 * lib/*.jar} allowed), {@code %maven group:artifact:version...} (resolves from Maven Central with
 * transitive dependencies and adds the jars), {@code %load FILE} (runs a JShell script), {@code
 * %time STATEMENT} and {@code %%time} (run and report the wall time).
 *
 * <p>Example: {@code %maven org.apache.commons:commons-math3:3.6.1}
 */
final class KernelMagics {

    private KernelMagics() {}

    /**
     * Registers %time and %%time on any kernel, and the class-path magics on the mtl4j kernel
     * (a stock JJava kernel has its own).
     */
    static void register(BaseKernel kernel) {
        MagicsRegistry magics = kernel.getMagicsRegistry();
        magics.registerLineMagic("time", (BaseKernel k, List<String> args) ->
                timed(k, String.join(" ", args)));
        magics.registerCellMagic("time", (BaseKernel k, List<String> args, String body) ->
                timed(k, body));
        if (kernel instanceof Mtl4jKernel) {
            registerClasspathMagics(magics);
        }
    }

    private static void registerClasspathMagics(MagicsRegistry magics) {
        magics.registerLineMagic("classpath", (Mtl4jKernel k, List<String> args) -> {
            List<String> added = ClasspathEntries.expand(args);
            added.forEach(k.java()::addToClasspath);
            return null;
        });
        magics.registerLineMagic("maven", (Mtl4jKernel k, List<String> args) -> {
            List<Path> jars = k.interruptibly("%maven", () -> MavenResolution.resolve(args));
            jars.forEach(jar -> k.java().addToClasspath(jar.toString()));
            System.out.println("Added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s")
                    + " for " + String.join(", ", args));
            return null;
        });
        magics.registerLineMagic("load", (Mtl4jKernel k, List<String> args) -> {
            if (args.size() != 1) {
                throw new IllegalArgumentException(
                        "%load needs one file. Received: %load " + String.join(" ", args)
                                + ". Use e.g. %load setup.jsh");
            }
            return k.evalRaw(read(Path.of(args.get(0))));
        });
    }

    private static Object timed(BaseKernel kernel, String code) {
        long start = System.nanoTime();
        try {
            return kernel.evalRaw(code);
        } finally {
            System.out.println(String.format(Locale.ROOT, "Wall time: %.1f ms",
                    (System.nanoTime() - start) / 1e6));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.toAbsolutePath()
                    + " for %load. Check the path (relative to the notebook's folder).", e);
        }
    }
}
