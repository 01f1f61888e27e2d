package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/**
 * The first fit of a model made by withTask() on a source carries the trained model's encoders,
 * labels and weights over as a fit on a table does.
 */
class StreamedWithTaskTest {

    @TempDir
    Path folder;

    private Table table;
    private RowSource wholeFile;

    @BeforeEach
    void writeRows() {
        table = StreamData.writeCsv(StreamData.table(240, 21), folder, "rows");
        wholeFile = Sources.csv(folder.resolve("rows.csv")).chunkRows(64).shuffleBuffer(1000);
    }

    private MultiTaskModel trained() {
        MultiTaskModel model = multiTask().input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(8), relu())
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .build();
        model.fit(table, epochs(2), seed(3), threads(1), quiet());
        return model;
    }

    private static MultiTaskModel withMass(MultiTaskModel model) {
        return model.withTask("mass").head(dense(1)).loss(mse()).metric(mae()).build();
    }

    @Test
    void aFirstFitOnASourceTrainsAsOnTheTable() {
        // GIVEN a trained model and two models that add a task to it
        try (MultiTaskModel model = trained();
                MultiTaskModel onTable = withMass(model);
                MultiTaskModel onSource = withMass(model)) {

            // WHEN one first fits the table, the other the same rows as a source (one buffer)
            TrainingRun tableRun = onTable.fit(table, epochs(2), batchSize(32), seed(7),
                    threads(1), quiet());
            TrainingRun sourceRun = onSource.fit(wholeFile, epochs(2), batchSize(32), seed(7),
                    threads(1), quiet());

            // THEN the same target scale, losses, metrics and parameters, to float precision
            assertThat(onSource.parts().orElseThrow().labels().get(1).scale().std())
                    .isCloseTo(onTable.parts().orElseThrow().labels().get(1).scale().std(),
                            within(1e-9));
            for (int e = 0; e < 2; e++) {
                for (int t = 0; t < 2; t++) {
                    assertThat(sourceRun.history().epochs().get(e).tasks().get(t).trainLoss())
                            .isCloseTo(tableRun.history().epochs().get(e).tasks().get(t)
                                    .trainLoss(), within(1e-5));
                }
            }
            assertThat(sourceRun.history().lastEpoch().task("species").metrics())
                    .isEqualTo(tableRun.history().lastEpoch().task("species").metrics());
            List<double[]> expected = ModelParameters.of(onTable);
            List<double[]> actual = ModelParameters.of(onSource);
            assertThat(actual).hasSameSizeAs(expected);
            for (int p = 0; p < expected.size(); p++) {
                for (int i = 0; i < expected.get(p).length; i++) {
                    assertThat(actual.get(p)[i]).isCloseTo(expected.get(p)[i], within(1e-5));
                }
            }
        }
    }

    @Test
    void theTrainedWeightsCarryOverToTheFirstFitOnASource() {
        // GIVEN a trained model and one that adds a task to it
        try (MultiTaskModel model = trained(); MultiTaskModel extended = withMass(model)) {
            Table before = model.predict(table);

            // WHEN its first fit is on a source with the trunk and the old head frozen
            extended.fit(wholeFile, epochs(1), batchSize(32), seed(7), threads(1), quiet(),
                    freeze(trunk(), heads("species")));

            // THEN the old task predicts as the trained model did, to the bit, and the new one
            // has trained
            Table after = extended.predict(table);
            assertThat(after.numberColumn("species_probability").asDoubleArray())
                    .containsExactly(before.numberColumn("species_probability").asDoubleArray());
            assertThat(after.stringColumn("species").asList())
                    .isEqualTo(before.stringColumn("species").asList());
            assertThat(extended.history().epochs()).hasSize(1);
            assertThat(extended.history().lastEpoch().task("mass").metrics()).containsKey("mae");
        }
    }

    @Test
    void aRefusedFirstFitLeavesTheModelUntrained() {
        // GIVEN a model that adds a task, and a source whose x1 is missing in some rows
        try (MultiTaskModel model = trained(); MultiTaskModel extended = withMass(model)) {
            RowSource gaps = Sources.duckdb("SELECT CASE WHEN x2 > -1 THEN x1 END AS x1, x2,"
                    + " island, species, mass FROM read_csv('" + folder.resolve("rows.csv")
                    + "')");

            // WHEN its first fit is on that source THEN it is refused before any step, and the
            // model is as before its first fit
            assertThatThrownBy(() -> extended.fit(gaps, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Column 'x1' of source 'duckdb query' has ")
                    .hasMessageEndingWith(" numeric() inputs must be finite numbers. Filter"
                            + " those rows in the query (WHERE x1 IS NOT NULL) or fill them"
                            + " (COALESCE(x1, 0)).");
            assertThat(extended.parts()).isEmpty();
            assertThatThrownBy(() -> extended.predict(table))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
