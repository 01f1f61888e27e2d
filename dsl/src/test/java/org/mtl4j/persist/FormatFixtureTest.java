package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.data.TargetScale;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

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
        Path file = copy("fixture-v1.mtl4j");
        Table rows = csv("fixture-v1-rows.csv");
        Table expected = csv("fixture-v1-predictions.csv");
        try (MultiTaskModel model = MultiTaskModel.load(file)) {
            assertThat(model.spec().weighting()).hasToString("uncertainty(-0.5)");
            assertThat(model.spec().initializer()).isEqualTo(kaimingNormal());
            assertThat(model.history().epochs()).hasSize(2);
            TargetScale scale = model.parts().orElseThrow().labels().get(1).scale();
            assertThat(scale.mean()).isBetween(3500.0, 5000.0);
            Table predicted = model.predict(rows);
            assertThat(predicted.stringColumn("kind").asList())
                    .isEqualTo(expected.stringColumn("kind").asList());
            double[] probabilities = expected.doubleColumn("kind_probability").asDoubleArray();
            double[] masses = expected.doubleColumn("mass").asDoubleArray();
            for (int r = 0; r < rows.rowCount(); r++) {
                assertThat(predicted.doubleColumn("kind_probability").get(r))
                        .isCloseTo(probabilities[r], within(1e-6));
                assertThat(predicted.doubleColumn("mass").get(r))
                        .isCloseTo(masses[r], within(1e-3));
            }
            model.fit(rows, epochs(1), batchSize(16), adam(1e-2), quiet());
            assertThat(model.history().epochs()).hasSize(3);
        }
    }

    private Path copy(String name) throws Exception {
        Path target = folder.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private Table csv(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return Table.read().csv(CsvReadOptions.builder(in).tableName(name));
        }
    }
}
