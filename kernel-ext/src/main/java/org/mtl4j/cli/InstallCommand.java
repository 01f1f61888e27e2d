package org.mtl4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.mtl4j.kernel.KernelMain;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mtl4j install}: installs the mtl4j kernelspec ("Java (mtl4j)") for the user (default),
 * the Python environment running Jupyter ({@code --sys-prefix}) or a prefix ({@code --prefix
 * DIR}), copying the kernel's jars next to it.
 *
 * <p>Example: {@code java -jar kernel-ext/target/mtl4j.jar install --user}
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install the mtl4j Jupyter kernel (kernelspec 'mtl4j').")
public final class InstallCommand implements Callable<Integer> {

    /** Where to install (one of the three). */
    static final class Target {
        @Option(names = "--user", description = "For the current user (default).")
        boolean user;

        @Option(names = "--sys-prefix",
                description = "Into sys.prefix of the Python that runs jupyter.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR",
                description = "Into DIR/share/jupyter/kernels.")
        Path prefix;

        Path kernelsDir() throws IOException, InterruptedException {
            if (prefix != null) {
                return KernelDirectories.prefix(prefix);
            }
            return sysPrefix ? KernelDirectories.sysPrefix() : KernelDirectories.user();
        }
    }

    @ArgGroup(exclusive = true)
    Target target = new Target();

    @Option(names = "--no-archive",
            description = "Skip recording the start-up class archive (kernels start slower).")
    boolean noArchive;

    @Override
    public Integer call() throws Exception {
        Path spec = KernelSpec.install(target.kernelsDir(), kernelJars(), kernelSources());
        System.out.println("Installed kernelspec '" + KernelSpec.NAME + "' ("
                + KernelSpec.DISPLAY_NAME + ") in " + spec);
        if (!noArchive) {
            try {
                System.out.println("Recorded the start-up class archive "
                        + StartupArchive.create(spec));
            } catch (IllegalStateException e) {
                System.err.println("Warning: " + e.getMessage());
            }
        }
        return 0;
    }

    /** The sources jars in lib/sources beside this jar (javadoc for inspect); may be none. */
    static List<Path> kernelSources() throws Exception {
        Path jar = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path folder = jar.resolveSibling("lib").resolve("sources");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-sources.jar"))
                    .sorted().toList();
        }
    }

    /** This jar and the jars its manifest's class path names (in its lib/ folder). */
    static List<Path> kernelJars() throws Exception {
        Path jar = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Run install from the packaged jar (mvn package,"
                    + " then java -jar kernel-ext/target/mtl4j.jar install). Found classes in "
                    + jar + ".");
        }
        List<Path> jars = new ArrayList<>(List.of(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes()
                    .getValue(Attributes.Name.CLASS_PATH);
            for (String entry : classPath.trim().split("\\s+")) {
                Path dependency = jar.resolveSibling(entry);
                if (!Files.isRegularFile(dependency)) {
                    throw new IllegalStateException("The kernel's jar needs " + dependency
                            + ", which is missing. Rebuild with mvn package.");
                }
                jars.add(dependency);
            }
        }
        return jars;
    }
}
