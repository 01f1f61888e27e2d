package org.mtl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mtl4j} command line. Subcommands: {@code quickstart} (trains the seed example and
 * writes its charts), {@code install} and {@code uninstall} (the Jupyter kernelspec), {@code
 * jshell} (JShell with mtl4j's class path and imports).
 *
 * <p>Example: {@code java -jar kernel-ext/target/mtl4j.jar quickstart --out target/quickstart}
 */
@Command(
        name = "mtl4j",
        mixinStandardHelpOptions = true,
        versionProvider = Mtl4jVersion.class,
        description = "Multi-task learning for Java notebooks.",
        subcommands = {QuickstartCommand.class, InstallCommand.class, UninstallCommand.class,
            JshellCommand.class})
public final class Mtl4jCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Mtl4jCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
