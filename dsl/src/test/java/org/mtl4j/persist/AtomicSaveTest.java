package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;

/**
 * A save killed with SIGKILL half-way leaves the previous file whole: a child JVM ({@link
 * SaveLoop}) saves a 2-million-parameter model over and over and is killed with {@code
 * destroyForcibly()} (SIGKILL on Linux) a few milliseconds into a save; the file then still loads.
 */
class AtomicSaveTest {

    @TempDir
    Path folder;

    @Test
    void aSaveKilledMidwayLeavesThePreviousFileLoadable() throws Exception {
        Path file = folder.resolve("big.mtl4j");
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"),
                    SaveLoop.class.getName(), file.toString()))
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int saved = 0;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    saved += line.equals("saved") ? 1 : 0;
                    if (saved >= 1 && line.equals("saving")) {
                        Thread.sleep(5 + 20L * round);
                        child.destroyForcibly();
                        break;
                    }
                }
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL; output %s", lines)
                    .isEqualTo(137);
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                assertThat(loaded.history().epochs()).hasSize(1);
                assertThat(loaded.parts().orElseThrow().block().getParameters().size())
                        .isEqualTo(8);
            }
        }
        try (var files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            // the kills landed inside writes: their temporary files are left, the model is not
            assertThat(names).contains("big.mtl4j")
                    .allMatch(name -> name.equals("big.mtl4j")
                            || name.startsWith(".big.mtl4j") && name.endsWith(".tmp"))
                    .anyMatch(name -> name.endsWith(".tmp"));
        }
    }
}
