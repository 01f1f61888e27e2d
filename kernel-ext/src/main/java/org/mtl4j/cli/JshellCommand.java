package org.mtl4j.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.mtl4j.kernel.Mtl4jExtension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code mtl4j jshell}: the JDK's own jshell tool with mtl4j's class path (this jar and its
 * {@code lib/}) and the imports of a notebook (without the notebook API), so README's recipes
 * can be pasted as they are. The input goes through a {@link LeadingDotJoiner}: a pasted or piped
 * line that starts with {@code .} continues the statement above it, as in a notebook cell.
 * Further arguments go to jshell (e.g. a script file, or {@code --execution local}).
 *
 * <p>Example: {@code java -jar kernel-ext/target/mtl4j.jar jshell}
 */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = "Start jshell with mtl4j's class path and imports; pasted lines that"
                + " start with '.' continue the statement above. Other arguments go to"
                + " jshell (e.g. --execution local, a script file).")
public final class JshellCommand implements Callable<Integer> {

    /** Everything else goes to jshell: its options and script files. */
    @Unmatched
    private List<String> jshellArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path imports = Files.createTempFile("mtl4j-imports", ".jsh");
        imports.toFile().deleteOnExit();
        Files.writeString(imports, Mtl4jExtension.DSL_IMPORTS.replace("; ", ";\n") + "\n");
        List<String> arguments = new ArrayList<>(List.of("--class-path", classPath(),
                "--startup", "DEFAULT", "--startup", imports.toString()));
        arguments.addAll(jshellArguments);
        boolean terminal = System.console() != null && terminalEcho(false);
        if (terminal) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> terminalEcho(true)));
        }
        try {
            return jshell(arguments);
        } finally {
            if (terminal) {
                terminalEcho(true);
            }
        }
    }

    /**
     * The jshell tool, reading lines through the joiner. It echoes each line it reads, so the
     * terminal's own echo is off meanwhile (else every typed line would show twice).
     */
    private static int jshell(List<String> arguments) throws Exception {
        return JavaShellToolBuilder.builder()
                .in(new LeadingDotJoiner(System.in), null)
                .start(arguments.toArray(String[]::new));
    }

    /** Turns the terminal's echo on or off with {@code stty}; false if that failed. */
    private static boolean terminalEcho(boolean on) {
        try {
            Process stty = new ProcessBuilder("stty", on ? "echo" : "-echo")
                    .redirectInput(new File("/dev/tty")).redirectErrorStream(true).start();
            stty.getInputStream().readAllBytes();
            return stty.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This jar and the jars of its lib/ folder, or the JVM's class path outside a jar. */
    static String classPath() throws Exception {
        Path self = Path.of(JshellCommand.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        if (!Files.isRegularFile(self)) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>(List.of(self.toString()));
        Path lib = self.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                        .forEach(p -> entries.add(p.toString()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
