package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.AdamState;
import org.mtl4j.train.OptimizerSpec;
import org.mtl4j.train.StepRecord;

/**
 * Model files saved while mtl4j still updated with DJL's own Adam resume on mtl4j's Adam, whose
 * formula is DJL's: the fixtures were written by {@code LegacyAdamFixtureWriter} at commit
 * 6fd17be (the last with {@code -Dmtl4j.fusedAdam=false}): a model trained 3 epochs with DJL's
 * Adam or AdamW, and a model whose uncertainty weighting learned its log-variances with DJL's
 * Adam; beside each, the losses and weights of the 3 epochs that the same model trained next in
 * that version. Reading converts the per-parameter state exactly; the resumed epochs follow the
 * old ones to float rounding (the two implementations round differently).
 */
class LegacyAdamFileTest {

    @TempDir
    Path folder;

    @Test
    void aModelSavedWithDjlsAdamResumesWhereItStopped() throws Exception {
        assertResumes("djl-adam-v1", adam(1e-2));
    }

    @Test
    void aModelSavedWithDjlsAdamWResumesWhereItStopped() throws Exception {
        assertResumes("djl-adamw-v1", adamW(1e-2).weightDecay(0.05));
    }

    private void assertResumes(String name, OptimizerSpec optimizer) throws Exception {
        // GIVEN a file with DJL's per-parameter Adam state ("kind": "djl")
        Path file = copy(name + ".mtl4j");
        JsonObject manifest = manifest(file);
        assertThat(manifest.getAsJsonObject("optimizer").get("kind").getAsString())
                .isEqualTo("djl");
        try (MultiTaskModel model = MultiTaskModel.load(file)) {
            // WHEN it is loaded, THEN its state is the saved moments, flat in parameter order
            AdamState state = AdamState.of(model.parts().orElseThrow()).orElseThrow();
            assertThat(state.spec()).isEqualTo(optimizer);
            assertThat(state.means()).containsExactly(flat(file, manifest, "means"));
            assertThat(state.variances()).containsExactly(flat(file, manifest, "variances"));
            assertThat(state.counts()).containsOnly(12);
            assertThat(state.largestCount()).isEqualTo(12);

            // AND three more epochs follow the old version's to float rounding
            model.fit(SaveLoadTest.table(120, 6), epochs(3), batchSize(32), optimizer, quiet());
            assertFollows(model, name);
        }
    }

    @Test
    void uncertaintysLogVariancesSavedWithDjlsAdamResumeWhereTheyStopped() throws Exception {
        // GIVEN a file whose uncertainty weighting kept DJL's Adam state for its log-variances
        Path file = copy("uncertainty-djl-adam-v1.mtl4j");
        JsonObject weighting = manifest(file).getAsJsonObject("weighting");
        try (MultiTaskModel model = MultiTaskModel.load(file)) {
            // WHEN loaded, THEN mtl4j's Adam holds that state under the same keys
            var restored = model.parts().orElseThrow().weigherState();
            for (String key : List.of("optimizer.means", "optimizer.variances",
                    "optimizer.counts", "logVariances")) {
                assertThat(restored.get(key)).as(key)
                        .containsExactly(doubles(weighting.getAsJsonArray(key)), within(0.0));
            }

            // AND three more epochs follow the old version's, weights included
            model.fit(SaveLoadTest.table(120, 6), epochs(3), batchSize(16), adam(1e-2),
                    quiet());
            assertFollows(model, "uncertainty-djl-adam-v1");
        }
    }

    /** The model's last steps against the fixture's continuation, to float rounding. */
    private void assertFollows(MultiTaskModel model, String name) throws Exception {
        JsonObject expected = JsonParser.parseString(resource(name + "-continued.json"))
                .getAsJsonObject();
        JsonArray losses = expected.getAsJsonArray("losses");
        JsonArray weights = expected.getAsJsonArray("weights");
        List<StepRecord> steps = model.history().steps();
        assertThat(steps.size()).isEqualTo(2 * losses.size());
        List<StepRecord> resumed = steps.subList(steps.size() - losses.size(), steps.size());
        for (int s = 0; s < losses.size(); s++) {
            assertClose(resumed.get(s).losses(), doubles(losses.get(s).getAsJsonArray()),
                    "losses of resumed step " + s);
            assertClose(resumed.get(s).weights(), doubles(weights.get(s).getAsJsonArray()),
                    "weights of resumed step " + s);
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int t = 0; t < expected.length; t++) {
            if (Double.isNaN(expected[t])) {
                assertThat(actual[t]).as(what).isNaN();
            } else {
                assertThat(actual[t]).as(what).isCloseTo(expected[t],
                        within(1e-5 + 1e-4 * Math.abs(expected[t])));
            }
        }
    }

    /** The per-parameter {@code optimizer/<field>/<name>.npy} entries, concatenated in order. */
    private static float[] flat(Path file, JsonObject manifest, String field) throws Exception {
        java.nio.FloatBuffer all = java.nio.FloatBuffer.allocate(100_000);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (var parameter : manifest.getAsJsonArray("parameters")) {
                String entry = "optimizer/" + field + "/"
                        + parameter.getAsJsonObject().get("name").getAsString() + ".npy";
                try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
                    all.put(Npy.read(in.readAllBytes()).values());
                }
            }
        }
        float[] values = new float[all.position()];
        all.flip().get(values);
        return values;
    }

    private static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }

    private static JsonObject manifest(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private String resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path copy(String name) throws Exception {
        Path target = folder.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
