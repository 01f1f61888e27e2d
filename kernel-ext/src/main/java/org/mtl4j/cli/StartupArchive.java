package org.mtl4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtl4j.kernel.KernelMain;

/**
 * The kernel's class-data-sharing archive ({@code mtl4j.jsa} beside the launcher): the classes a
 * kernel loads while it starts and runs its first cells (JShell and javac, the DSL, the
 * renderers, XChart, Tablesaw), recorded once at install time with the JDK's
 * {@code -XX:ArchiveClassesAtExit}. The launcher maps it with {@code -XX:SharedArchiveFile}, so
 * later kernels skip loading and verifying those classes. It changes nothing once classes are
 * loaded: the JIT compilers and the training code run as without it. A JDK other than the one
 * that recorded it (see {@code MTL4J_JAVA}) or changed jars make the JVM ignore it.
 *
 * <p>Example: {@code StartupArchive.create(Path.of("~/.local/share/jupyter/kernels/mtl4j"))}
 */
public final class StartupArchive {

    /** The archive's file name in the kernelspec folder. */
    public static final String FILE = "mtl4j.jsa";

    private static final long TIMEOUT_MINUTES = 5;

    private StartupArchive() {}

    /**
     * Records the archive for the kernelspec in {@code spec} (its {@code lib/} jars) with this
     * JVM's {@code java}, replacing an earlier one. Takes a few seconds.
     *
     * @return the archive
     * @throws IllegalStateException when the JVM could not record it (its output says why)
     */
    public static Path create(Path spec) throws IOException, InterruptedException {
        Path folder = spec.toAbsolutePath();
        Path archive = folder.resolve(FILE);
        Files.deleteIfExists(archive);
        Path log = Files.createTempFile("mtl4j-archive", ".log");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:ArchiveClassesAtExit=" + archive,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED")); // as the launcher
            command.addAll(KernelSpec.sparkJvmOptions());
            command.addAll(List.of("-cp", folder.resolve("lib") + "/*",
                    KernelMain.class.getName(), KernelMain.WARM_UP));
            Process java = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = java.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                java.destroyForcibly();
            }
            if (!finished || java.exitValue() != 0 || !Files.isRegularFile(archive)) {
                Files.deleteIfExists(archive);
                throw new IllegalStateException("Could not record the start-up archive "
                        + archive + (finished ? "" : " within " + TIMEOUT_MINUTES + " minutes")
                        + ". The kernel works without it, only starts slower. JVM output:\n"
                        + Files.readString(log).strip());
            }
            return archive;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
