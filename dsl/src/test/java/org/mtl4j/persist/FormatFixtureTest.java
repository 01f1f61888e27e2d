package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.data.TargetScale;
import tech.tablesaw.api.Table;

/**
 * Files written by earlier versions keep loading: {@code fixture-v1.mtl4j} was written by format
 * version 1 ({@link FixtureWriter}) with its input rows and predictions beside it. A later
 * version must load it and predict the same (up to float rounding on another CPU), and be able to
 * go on training it.
 */
class FormatFixtureTest {

    @TempDir
    Path folder;

    @Test
    void aVersionOneFileLoadsAndPredictsWhatItPredictedWhenSaved() throws Exception {
        Path file = SavedFixtures.copy(folder, "fixture-v1.mtl4j");
        Table rows = SavedFixtures.csv("fixture-v1-rows.csv");
        Table expected = SavedFixtures.csv("fixture-v1-predictions.csv");
        try (MultiTaskModel model = MultiTaskModel.load(file)) {
            assertThat(model.spec().weighting()).hasToString("uncertainty(-0.5)");
            assertThat(model.spec().initializer()).isEqualTo(kaimingNormal());
            assertThat(model.history().epochs()).hasSize(2);
            TargetScale scale = model.parts().orElseThrow().labels().get(1).scale();
            assertThat(scale.mean()).isBetween(3500.0, 5000.0);
            SavedFixtures.assertPredictsAsSaved(model, rows, expected);
            model.fit(rows, epochs(1), batchSize(16), adam(1e-2), quiet());
            assertThat(model.history().epochs()).hasSize(3);
        }
    }
}
