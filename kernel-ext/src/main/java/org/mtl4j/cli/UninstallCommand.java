package org.mtl4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code mtl4j uninstall}: removes the mtl4j kernelspec from the same places {@code install}
 * writes to.
 *
 * <p>Example: {@code java -jar kernel-ext/target/mtl4j.jar uninstall --prefix /opt/env}
 */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Remove the mtl4j Jupyter kernel.")
public final class UninstallCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    InstallCommand.Target target = new InstallCommand.Target();

    @Override
    public Integer call() throws Exception {
        Path kernels = target.kernelsDir();
        boolean removed = KernelSpec.uninstall(kernels);
        System.out.println(removed
                ? "Removed kernelspec '" + KernelSpec.NAME + "' from " + kernels
                : "No kernelspec '" + KernelSpec.NAME + "' in " + kernels);
        return 0;
    }
}
