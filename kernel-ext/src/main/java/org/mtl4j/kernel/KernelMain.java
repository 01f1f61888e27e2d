package org.mtl4j.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Runs the kernel. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: KernelMain CONNECTION_FILE (Jupyter passes it).");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        KernelConnection connection = new KernelConnection(properties);
        Mtl4jKernel kernel = Mtl4jKernel.create(extraClasspath());
        Signal.handle(new Signal("INT"), signal -> kernel.interrupt());
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
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
