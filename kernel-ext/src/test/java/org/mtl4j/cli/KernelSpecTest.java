package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class KernelSpecTest {

    @Test
    void installsKernelJsonLauncherLogosAndJarsThenUninstalls(@TempDir Path folder)
            throws Exception {
        Path jar = Files.writeString(folder.resolve("some.jar"), "not really a jar");
        Path kernels = folder.resolve("share/jupyter/kernels");

        Path spec = KernelSpec.install(kernels, List.of(jar));

        JsonObject json = JsonParser.parseString(Files.readString(spec.resolve("kernel.json")))
                .getAsJsonObject();
        assertThat(json.get("display_name").getAsString()).isEqualTo("Java (mtl4j)");
        assertThat(json.get("language").getAsString()).isEqualTo("java");
        assertThat(json.get("interrupt_mode").getAsString()).isEqualTo("message");
        assertThat(json.getAsJsonArray("argv").get(1).getAsString())
                .isEqualTo("{connection_file}");
        Path launcher = Path.of(json.getAsJsonArray("argv").get(0).getAsString());
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).contains("MTL4J_JVM_OPTS", "MTL4J_JAVA",
                "org.mtl4j.kernel.KernelMain",
                "[ -f \"$here/mtl4j.jsa\" ] && archive=\"-XX:SharedArchiveFile=$here/mtl4j.jsa\"");
        assertThat(ImageIO.read(spec.resolve("logo-64x64.png").toFile()).getWidth())
                .isEqualTo(64);
        assertThat(spec.resolve("lib/some.jar")).hasContent("not really a jar");

        assertThat(KernelSpec.uninstall(kernels)).isTrue();
        assertThat(spec).doesNotExist();
        assertThat(KernelSpec.uninstall(kernels)).isFalse();
    }

    @Test
    void installsSourcesJarsInLibSourcesAndOpensJShellForThem(@TempDir Path folder)
            throws Exception {
        Path jar = Files.writeString(folder.resolve("some.jar"), "classes");
        Path sources = Files.writeString(folder.resolve("lib-1.0-sources.jar"), "sources");

        Path spec = KernelSpec.install(folder.resolve("kernels"), List.of(jar), List.of(sources));

        assertThat(spec.resolve("lib/sources/lib-1.0-sources.jar")).hasContent("sources");
        assertThat(spec.resolve("lib/some.jar")).hasContent("classes");
        assertThat(Files.readString(spec.resolve("mtl4j-kernel")))
                .contains("--add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED");
    }

    @Test
    void theLauncherPassesItsStartUpSettingsUnlessTheyAreSetEmpty(@TempDir Path folder)
            throws Exception {
        Path spec = KernelSpec.install(folder.resolve("kernels"), List.of());
        Path fakeJava = folder.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        fakeJava.toFile().setExecutable(true);

        assertThat(launch(spec, fakeJava, null)).contains(" -XX:NewSize=256m ")
                .endsWith("org.mtl4j.kernel.KernelMain connection.json");
        assertThat(launch(spec, fakeJava, "")).doesNotContain("NewSize")
                .endsWith("org.mtl4j.kernel.KernelMain connection.json");
        assertThat(launch(spec, fakeJava, "-XX:NewSize=64m")).contains(" -XX:NewSize=64m ")
                .doesNotContain("256m");
    }

    @Test
    void theLauncherStartsTheJvmWithTheOptionsSparkNeedsAsSparksOwnTestsDo(@TempDir Path folder)
            throws Exception {
        Path spec = KernelSpec.install(folder.resolve("kernels"), List.of());
        Path fakeJava = folder.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        fakeJava.toFile().setExecutable(true);
        String sparkPom = Files.readString(Path.of("../spark/pom.xml"));
        String opens = sparkPom.substring(sparkPom.indexOf("<spark.java17.opens>")
                + "<spark.java17.opens>".length(), sparkPom.indexOf("</spark.java17.opens>"));

        String command = launch(spec, fakeJava, null);

        assertThat(KernelSpec.SPARK_JVM_OPTIONS).containsExactly(opens.split(" "))
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        assertThat(command).contains(" " + String.join(" ", KernelSpec.sparkJvmOptions()) + " ")
                .endsWith("org.mtl4j.kernel.KernelMain connection.json");
    }

    @Test
    void theLauncherOpensOnlyPackagesTheInstallingJdkHas() {
        // sun.security.action is gone from Java 24 on: opening it there prints a warning
        boolean present = Object.class.getModule().getPackages().contains("sun.security.action");

        List<String> options = KernelSpec.sparkJvmOptions();

        assertThat(options.contains("--add-opens=java.base/sun.security.action=ALL-UNNAMED"))
                .isEqualTo(present);
        assertThat(options).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandle=false");
        assertThat(options).allSatisfy(option -> assertThat(KernelSpec.SPARK_JVM_OPTIONS)
                .contains(option));
    }

    /** The command line the launcher runs, with MTL4J_START_OPTS unset (null) or set. */
    private static String launch(Path spec, Path java, String startOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                spec.resolve("mtl4j-kernel").toString(), "connection.json");
        builder.environment().put("MTL4J_JAVA", java.toString());
        builder.environment().remove("MTL4J_JVM_OPTS");
        builder.environment().remove("MTL4J_START_OPTS");
        if (startOpts != null) {
            builder.environment().put("MTL4J_START_OPTS", startOpts);
        }
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        return output;
    }
}
