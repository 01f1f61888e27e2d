package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binder's build step on this machine: a fresh copy of the repository's tracked files, {@code
 * binder/postBuild} run in it with a scratch kernel prefix, then Jupyter lists the kernel.
 */
class BinderIT {

    @Test
    void postBuildBuildsAndInstallsTheKernel(@TempDir Path scratch) throws Exception {
        Path checkout = scratch.resolve("checkout");
        Path root = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(checkout);
        Process archive = new ProcessBuilder("bash", "-c",
                "git ls-files -z --cached --others --exclude-standard"
                        + " | xargs -0 cp --parents -t \"" + checkout + "\"")
                .directory(root.toFile()).redirectErrorStream(true).start();
        assertThat(archive.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(new String(archive.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEmpty();
        Path prefix = scratch.resolve("prefix");

        Path log = Path.of("target/failsafe-reports/binder-postBuild.log").toAbsolutePath();
        ProcessBuilder postBuild = new ProcessBuilder("bash", "binder/postBuild")
                .directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        postBuild.environment().put("MTL4J_KERNEL_PREFIX", prefix.toString());
        Process process = postBuild.start();
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        Path kernel = prefix.resolve("share/jupyter/kernels/mtl4j/kernel.json");
        assertThat(Files.readString(kernel)).contains("Java (mtl4j)");
        ProcessBuilder list = new ProcessBuilder("jupyter", "kernelspec", "list");
        list.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        Process listing = list.start();
        String kernels = new String(listing.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(listing.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(kernels).contains("mtl4j");
        assertThat(checkout.resolve("target/binder-warmup/loss.png")).exists();
    }
}
