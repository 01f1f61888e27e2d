package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void defaultDeviceIsTheCpuWithThePinnedCpuJarElseTheGpuWhenTheMachineHasOne() throws Exception {
        // the pinned jar is libtorch's CPU build; without it, a GPU is one the NVIDIA driver lists
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        boolean machineHasGpu = false;
        if (Files.isDirectory(gpus)) {
            try (java.util.stream.Stream<Path> listed = Files.list(gpus)) {
                machineHasGpu = listed.findAny().isPresent();
            }
        }
        Device expected = !pinnedJar() && machineHasGpu ? Device.gpu() : Device.cpu();

        assertThat(EngineSetup.device(FitSettings.DEFAULTS)).isEqualTo(expected);
        assertThat(EngineSetup.device(FitSettings.of(FitOptions.device(Device.cpu()))))
                .isEqualTo(Device.cpu());
    }

    @ParameterizedTest(name = "{0} cores: {1} threads")
    @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "6, 3", "8, 4", "16, 8", "17, 8", "64, 8"})
    void threadDefaultIsOneOnTwoCoresElseHalfTheCoresAtMostEight(int cores, int threads)
            throws Exception {
        assertThat(threadsInAJvmWith(cores, null)).isEqualTo(threads);
    }

    @Test
    void theEnvironmentAndThreadsOptionOverrideTheDefault() throws Exception {
        assertThat(threadsInAJvmWith(16, "3")).isEqualTo(3);
        assertThat(threadsInAJvmWith(16, "0")).as("0 is not a thread count").isEqualTo(8);
        assertThat(threadsInAJvmWith(16, "many")).isEqualTo(8);
        assertThat(EngineSetup.threads(FitSettings.of(FitOptions.threads(3)))).isEqualTo(3);
    }

    /**
     * EngineSetup's default thread count in a JVM that sees {@code cores} processors
     * ({@code -XX:ActiveProcessorCount}), with {@code MTL4J_THREADS} set to {@code environment}
     * (or unset).
     */
    private static int threadsInAJvmWith(int cores, String environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=" + cores, "-cp", System.getProperty("java.class.path"),
                ThreadDefault.class.getName()).redirectErrorStream(true);
        builder.environment().remove("MTL4J_THREADS");
        if (environment != null) {
            builder.environment().put("MTL4J_THREADS", environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(output).isZero();
        return Integer.parseInt(output);
    }

    /** Prints EngineSetup's default thread count (run in a child JVM). */
    static final class ThreadDefault {
        public static void main(String[] args) {
            System.out.println(EngineSetup.threads(FitSettings.DEFAULTS));
        }
    }
}
