package org.mtl4j.cli;

import com.google.gson.GsonBuilder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes and removes the {@code mtl4j} kernelspec: {@code kernel.json} (display name "Java
 * (mtl4j)", interrupt by message), a launcher script that honours {@code MTL4J_JAVA}, {@code
 * MTL4J_JVM_OPTS} and {@code MTL4J_CLASSPATH}, the logos, and a copy of the kernel's jars.
 *
 * <p>Example: {@code KernelSpec.install(Path.of("/usr/local/share/jupyter/kernels"), jars)}
 * creates {@code /usr/local/share/jupyter/kernels/mtl4j/}.
 */
public final class KernelSpec {

    /** The kernelspec's name (what {@code jupyter kernelspec list} shows). */
    public static final String NAME = "mtl4j";

    /** The name notebooks show. */
    public static final String DISPLAY_NAME = "Java (mtl4j)";

    /**
     * The JVM options Apache Spark needs on Java 17+ (what {@code spark-submit} adds, Spark's
     * {@code JavaModuleOptions}; {@code spark.java17.opens} in {@code spark/pom.xml}): the kernel
     * starts with them so that Spark's local mode runs in a notebook. The {@code --add-opens}
     * open JDK packages to code on the class path; the property keeps core reflection on its
     * older implementation on Java 18 to 21, as Spark asks (no effect on 17, nor from 22 on).
     */
    static final List<String> SPARK_JVM_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    /**
     * {@link #SPARK_JVM_OPTIONS} less the {@code --add-opens} of packages this JVM's {@code
     * java.base} does not have ({@code sun.security.action} is gone from Java 24 on, and opening
     * it there prints a warning at every start): the options the launcher and the start-up
     * archive use, for the JDK that installs the kernel.
     */
    static List<String> sparkJvmOptions() {
        Set<String> packages = Object.class.getModule().getPackages();
        return SPARK_JVM_OPTIONS.stream()
                .filter(option -> openedPackage(option) == null
                        || packages.contains(openedPackage(option)))
                .toList();
    }

    /** The java.base package an {@code --add-opens=java.base/P=ALL-UNNAMED} opens, else null. */
    private static String openedPackage(String option) {
        String prefix = "--add-opens=java.base/";
        return option.startsWith(prefix)
                ? option.substring(prefix.length(), option.indexOf('=', prefix.length()))
                : null;
    }

    private static final String LAUNCHER = String.join("\n",
            "#!/bin/sh",
            "# Starts the mtl4j Jupyter kernel (written by 'mtl4j install'). Environment:",
            "#   MTL4J_JAVA       java executable (default: the JDK that installed the kernel,",
            "#                    else $JAVA_HOME/bin/java, else java on PATH)",
            "#   MTL4J_JVM_OPTS   JVM options, e.g. -Xmx8g",
            "#   MTL4J_CLASSPATH  extra jars or folders for notebook cells (':'-separated, globs)",
            "#   MTL4J_START_OPTS the start-up settings below (default -XX:NewSize=256m: a young",
            "#                    generation that holds what start-up allocates, so nothing is",
            "#                    collected before the first cell); set it empty to leave them out",
            "# mtl4j.jsa, when present, is the start-up class archive 'mtl4j install' recorded.",
            "here=$(dirname \"$0\")",
            "java=${MTL4J_JAVA:-}",
            "if [ -z \"$java\" ]; then",
            "  java=@INSTALLER_JAVA@",
            "  [ -x \"$java\" ] || java=${JAVA_HOME:+$JAVA_HOME/bin/}java",
            "fi",
            "archive=",
            "[ -f \"$here/mtl4j.jsa\" ] && archive=\"-XX:SharedArchiveFile=$here/mtl4j.jsa\"",
            "start_opts=${MTL4J_START_OPTS--XX:NewSize=256m}",
            "# --add-opens jdk.jshell: lets inspect read the javadoc in lib/sources (see LibrarySources)",
            "# the java.base options: what Apache Spark needs on Java 17+ (spark-submit adds them)",
            "exec \"$java\" ${archive:+\"$archive\"} -Xlog:cds=off -Xlog:cds+dynamic=off \\",
            "  --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED @SPARK_JVM_OPTIONS@ $start_opts \\",
            "  $MTL4J_JVM_OPTS -cp \"$here/lib/*\" org.mtl4j.kernel.KernelMain \"$@\"",
            "");

    private KernelSpec() {}

    /**
     * Installs into {@code kernelsDir}/mtl4j, replacing an earlier install.
     *
     * @param kernelsDir a Jupyter {@code kernels} folder
     * @param jars the kernel's jars (its own and its dependencies)
     * @return the kernelspec folder
     */
    public static Path install(Path kernelsDir, List<Path> jars) throws IOException {
        return install(kernelsDir, jars, List.of());
    }

    /**
     * Installs into {@code kernelsDir}/mtl4j, replacing an earlier install, with {@code sources}
     * (the {@code *-sources.jar} files inspect reads javadoc from) in {@code lib/sources}.
     *
     * @param kernelsDir a Jupyter {@code kernels} folder
     * @param jars the kernel's jars (its own and its dependencies)
     * @param sources sources jars (may be empty: inspect then shows the JDK's javadoc only)
     * @return the kernelspec folder
     */
    public static Path install(Path kernelsDir, List<Path> jars, List<Path> sources)
            throws IOException {
        Path spec = kernelsDir.resolve(NAME);
        remove(spec);
        Path lib = Files.createDirectories(spec.resolve("lib"));
        for (Path jar : jars) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!sources.isEmpty()) {
            Path sourcesDir = Files.createDirectories(lib.resolve("sources"));
            for (Path jar : sources) {
                Files.copy(jar, sourcesDir.resolve(jar.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path launcher = spec.resolve("mtl4j-kernel");
        Files.writeString(launcher, LAUNCHER.replace("@INSTALLER_JAVA@",
                Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .replace("@SPARK_JVM_OPTIONS@", String.join(" ", sparkJvmOptions())));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("argv", List.of(launcher.toAbsolutePath().toString(), "{connection_file}"));
        kernel.put("display_name", DISPLAY_NAME);
        kernel.put("language", "java");
        kernel.put("interrupt_mode", "message");
        kernel.put("metadata", Map.of("debugger", false));
        Files.writeString(spec.resolve("kernel.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(kernel) + "\n");
        ImageIO.write(logo(32), "png", spec.resolve("logo-32x32.png").toFile());
        ImageIO.write(logo(64), "png", spec.resolve("logo-64x64.png").toFile());
        return spec;
    }

    /**
     * Removes {@code kernelsDir}/mtl4j.
     *
     * @return whether there was one
     */
    public static boolean uninstall(Path kernelsDir) throws IOException {
        Path spec = kernelsDir.resolve(NAME);
        boolean existed = Files.exists(spec);
        remove(spec);
        return existed;
    }

    private static void remove(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The logo: "MTL" on the first task colour, drawn at {@code size} pixels. */
    static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x4E79A7));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 3 / 8));
        int width = g.getFontMetrics().stringWidth("MTL");
        g.drawString("MTL", (size - width) / 2, size * 5 / 8);
        g.dispose();
        return image;
    }
}
