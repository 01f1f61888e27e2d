package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build runs every test in DJL's offline mode with DJL_CACHE_DIR pointing at the build's own
 * cache (which .ci/run deletes first): the engine must come from the pinned native jar, not from
 * the network. Built with {@code -Dpytorch.gpu} the jar is left out and DJL may download.
 */
class OfflineEngineTest {

    private static boolean pinnedJar() {
        return !"false".equals(System.getProperty("ai.djl.offline"));
    }

    @Test
    void theNativeJarIsOnTheClassPathExactlyWhenTheBuildPinsIt() {
        boolean present = getClass().getClassLoader().getResource("native/lib/pytorch.properties")
                != null;

        assertThat(present).as("pinned native libtorch jar on the class path").isEqualTo(pinnedJar());
    }

    @Test
    void pyTorchLoadsFromThePinnedNativeJarInOfflineMode() {
        if (!pinnedJar()) {
            // -Dpytorch.gpu: DJL picks the libtorch of this machine; the version stays pinned
            assertThat(Engine.getEngine("PyTorch").getVersion()).isEqualTo("2.7.1");
            return;
        }
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        String cache = System.getenv("DJL_CACHE_DIR");
        assertThat(cache).as("DJL_CACHE_DIR set by the build").isNotBlank();

        Engine engine = Engine.getEngine("PyTorch");

        assertThat(engine.getVersion()).isEqualTo("2.7.1");
        Path extracted = Path.of(cache, "pytorch");
        assertThat(extracted).isDirectory();
        try (var flavours = Files.list(extracted)) {
            assertThat(flavours.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("2.7.1-") && name.contains("-cpu-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void defaultDeviceIsTheGpuWhenThereIsOneElseTheCpu() {
        Device device = EngineSetup.device(FitSettings.DEFAULTS);
        Device expected = Engine.getEngine("PyTorch").getGpuCount() > 0
                ? Device.gpu() : Device.cpu();
        assertThat(device).isEqualTo(expected);
        assertThat(EngineSetup.device(FitSettings.of(FitOptions.device(Device.cpu()))))
                .isEqualTo(Device.cpu());
    }

    @Test
    void threadDefaultFollowsTheCoreCountAndCanBeOverridden() {
        int cores = Runtime.getRuntime().availableProcessors();
        if (System.getenv("MTL4J_THREADS") == null) {
            assertThat(EngineSetup.threads(FitSettings.DEFAULTS))
                    .isEqualTo(cores <= 2 ? 1 : Math.min(8, cores / 2));
        }
        assertThat(EngineSetup.threads(FitSettings.of(FitOptions.threads(3)))).isEqualTo(3);
    }
}
