package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.sharing.MixtureOfExperts;
import tech.tablesaw.api.Table;

/** A saved model keeps its initializers; a spec saved before they existed reads the default. */
class InitializerSaveLoadTest {

    @TempDir
    Path folder;

    @Test
    void theModelsLayersAndGatesInitializersSurviveSaveAndLoad() {
        Table data = SaveLoadTest.table(120, 3);
        Path file = folder.resolve("init.mtl4j");
        try (MultiTaskModel model = multiTask().initializer(pytorchDefault())
                .input(numeric("x1", "x2"))
                .experts(3, dense(8).init(kaimingUniform("fan_out", "tanh")), tanh())
                .gateInit(normal(0, 0.01)).gates()
                .task("kind").head(dense(3).init(xavierNormal(2))).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(mse())
                .build()) {
            model.fit(data, epochs(1), quiet());
            model.save(file);
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                ModelSpec spec = loaded.spec();
                assertThat(spec).isEqualTo(model.spec());
                assertThat(spec.initializer()).isEqualTo(pytorchDefault());
                assertThat(loaded.summary()).contains("\n  initializer: pytorchDefault()")
                        .contains(".gateInit(normal(0.0, 0.01)).gates()");
                MixtureOfExperts experts = (MixtureOfExperts) spec.sharing();
                assertThat(experts.gateInit()).isEqualTo(normal(0, 0.01));
                assertThat(((Dense) experts.expert().get(0)).init())
                        .isEqualTo(kaimingUniform("fan_out", "tanh"));
                assertThat(((Dense) spec.tasks().get(0).head().get(0)).init())
                        .isEqualTo(xavierNormal(2));
                assertThat(spec.tasks().get(1).head().get(0)).isEqualTo(dense(1));
                assertThat(loaded.predict(data).doubleColumn("mass").asDoubleArray())
                        .isEqualTo(model.predict(data).doubleColumn("mass").asDoubleArray());
            }
        }
    }

    @Test
    void everyKindOfInitializerIsKnownToTheFileFormat() {
        List<Initializer> all = List.of(pytorchDefault(), xavierUniform(), xavierNormal(1.5),
                kaimingUniform("fan_out", "tanh"), kaimingNormal(0.01, "fan_in", "leaky_relu"),
                normal(0.5, 0.02));
        assertThat(all.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Initializer.class.getPermittedSubclasses());
        for (Initializer init : all) {
            assertThat(RecordJson.read(RecordJson.write(init), Initializer.class)).isEqualTo(init);
        }
    }

    @Test
    void aSpecWrittenWithoutInitializersReadsTheDefaultAndTheModelsChoice() {
        ModelSpec spec = multiTask().initializer(xavierUniform()).input(numeric("x"))
                .trunk(dense(4).init(normal(1, 0.5)))
                .task("y").head(dense(1)).loss(mse()).build().spec();
        JsonObject json = RecordJson.write(spec).getAsJsonObject();
        assertThat(RecordJson.read(json, ModelSpec.class)).isEqualTo(spec);

        JsonObject old = JsonParser.parseString(json.toString()).getAsJsonObject();
        old.remove("initializer");
        old.getAsJsonObject("sharing").getAsJsonArray("trunk").get(0).getAsJsonObject()
                .remove("init");
        ModelSpec read = RecordJson.read(old, ModelSpec.class);
        assertThat(read.initializer()).isSameAs(Initializer.DEFAULT);
        assertThat(read.trunk()).containsExactly(dense(4));
    }
}
