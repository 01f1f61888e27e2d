package org.mtl4j.kernel;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where JShell looks for the sources that hold javadoc, so that inspect (Shift-Tab) shows the
 * documentation of mtl4j, DJL, Tablesaw and XChart as well as the JDK's. JShell itself only reads
 * the JDK's {@code lib/src.zip} (on Debian: package {@code openjdk-17-source}); this adds the
 * {@code *-sources.jar} files shipped next to the kernel: {@code sources/} beside the kernel's jar
 * (an installed kernelspec: {@code lib/sources}) or {@code lib/sources} beside it (the build's
 * {@code target/}), or the folder named by the system property {@code mtl4j.sources}.
 *
 * <p>JShell keeps that list in a private field of {@code jdk.jshell.SourceCodeAnalysisImpl}: the
 * kernel's launcher opens the package with {@code --add-opens
 * jdk.jshell/jdk.jshell=ALL-UNNAMED}. Without it (a JVM started otherwise) inspect shows the JDK's
 * javadoc only, and {@link #install()} says so once on stderr.
 *
 * <p>Example: {@code LibrarySources.install();} before the first inspect.
 */
final class LibrarySources {

    /** System property naming a folder of {@code *-sources.jar} files. */
    static final String PROPERTY = "mtl4j.sources";

    private static final String ANALYSIS = "jdk.jshell.SourceCodeAnalysisImpl";
    private static final String FIELD = "availableSourcesOverride";
    private static volatile boolean installed;

    private LibrarySources() {}

    /** Makes JShell read the JDK's and the libraries' sources (once per JVM). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        List<Path> jars = libraryJars();
        if (jars.isEmpty()) {
            return;
        }
        List<Path> sources = new ArrayList<>(jdkSources());
        sources.addAll(jars);
        try {
            Field field = Class.forName(ANALYSIS).getDeclaredField(FIELD);
            field.setAccessible(true);
            field.set(null, List.copyOf(sources));
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("mtl4j: inspect shows the JDK's javadoc only (" + e
                    + "). Start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.");
        }
    }

    /** The {@code *-sources.jar} files shipped with the kernel, sorted by name. */
    static List<Path> libraryJars() {
        Path folder = folder();
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-sources.jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path folder() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return Files.isDirectory(Path.of(property)) ? Path.of(property) : null;
        }
        Path jar;
        try {
            jar = Path.of(LibrarySources.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        for (Path candidate : List.of(jar.resolveSibling("sources"),
                jar.resolveSibling("lib").resolve("sources"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The module folders of the JDK's src.zip, as JShell itself lists them. */
    private static List<Path> jdkSources() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip)) {
            zip = home.getParent().resolve("src.zip");
        }
        if (!Files.isReadable(zip)) {
            return List.of();
        }
        List<Path> modules = new ArrayList<>();
        try {
            // stays open for the JVM's life: JShell reads from it on every inspect
            FileSystem files = FileSystems.newFileSystem(zip, Map.of());
            Path root = files.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java/lang/Object.java"))) {
                return List.of(zip);
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
                children.forEach(child -> {
                    if (Files.isDirectory(child)) {
                        modules.add(child);
                    }
                });
            }
        } catch (IOException e) {
            System.err.println("mtl4j: cannot read the JDK's sources in " + zip + ": " + e);
            return List.of();
        }
        return modules;
    }
}
