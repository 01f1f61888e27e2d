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
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** fit(source, rehearsal(oldRows, f)) mixes the old rows into the stream as a table fit does. */
class StreamedRehearsalTest {

    @TempDir
    Path folder;

    private Table oldRows;
    private Table newRows;
    private RowSource wholeFile;

    @BeforeEach
    void writeRows() {
        oldRows = StreamData.writeCsv(StreamData.table(200, 41), folder, "old")
                .removeColumns("mass", "review", "shop");
        newRows = StreamData.writeCsv(StreamData.table(240, 42), folder, "new");
        wholeFile = Sources.csv(folder.resolve("new.csv")).chunkRows(64).shuffleBuffer(1000);
    }

    private MultiTaskModel trained() {
        MultiTaskModel model = multiTask().input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(8), relu())
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .build();
        model.fit(oldRows, epochs(2), seed(3), threads(1), quiet());
        return model;
    }

    private static MultiTaskModel withMass(MultiTaskModel model) {
        return model.withTask("mass").head(dense(1)).loss(mse()).metric(mae()).build();
    }

    @Test
    void aSourceRehearsesAsTheTableDoes() {
        // GIVEN a trained model and two models that add a task to it
        try (MultiTaskModel model = trained();
                MultiTaskModel onTable = withMass(model);
                MultiTaskModel onSource = withMass(model)) {

            // WHEN both fit the new rows rehearsing the old ones at 0.25, one from a table, the
            // other from a source with a buffer of the whole file
            TrainingRun tableRun = onTable.fit(newRows, epochs(2), batchSize(32), seed(7),
                    threads(1), quiet(), rehearsal(oldRows, 0.25));
            TrainingRun sourceRun = onSource.fit(wholeFile, epochs(2), batchSize(32), seed(7),
                    threads(1), quiet(), rehearsal(oldRows, 0.25));

            // THEN both trained on 240 + 80 rows, with the same losses, metrics and parameters
            assertThat(sourceRun.history().steps()).hasSameSizeAs(tableRun.history().steps())
                    .hasSize(2 * 10);
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
            for (int p = 0; p < expected.size(); p++) {
                for (int i = 0; i < expected.get(p).length; i++) {
                    assertThat(actual.get(p)[i]).isCloseTo(expected.get(p)[i], within(1e-5));
                }
            }
        }
    }

    @Test
    void oldRowsOfAnotherColumnTypeAreRefusedBeforeAnyStep() {
        try (MultiTaskModel model = trained(); MultiTaskModel extended = withMass(model)) {
            Table typed = oldRows.copy().setName("typed");
            typed.replaceColumn("x2", typed.doubleColumn("x2").asStringColumn().setName("x2"));
            assertThatThrownBy(() -> extended.fit(wholeFile, quiet(), rehearsal(typed, 0.25)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'x2' is DOUBLE in source 'new.csv' but STRING in"
                            + " rehearsal()'s table 'typed'. Received: DOUBLE and STRING. Read"
                            + " both with the same column types (e.g. CAST(x2 AS ...) in the"
                            + " source's query).");
            assertThat(extended.parts()).isEmpty();
        }
    }

    @Test
    void anOldClassTheModelNeverSawIsRefusedBeforeAnyStep() {
        try (MultiTaskModel model = trained()) {
            Table probe = newRows.copy();
            Table before = model.predict(probe);
            int steps = model.history().steps().size();
            Table unseen = oldRows.copy().setName("unseen");
            StringColumn species = unseen.stringColumn("species");
            for (int r = 0; r < species.size(); r++) {
                species.set(r, "d");
            }

            assertThatThrownBy(() -> model.fit(wholeFile, quiet(), rehearsal(unseen, 0.25)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Task 'species' has label 'd' in row ")
                    .hasMessageEndingWith(", a class the model never saw in training. Known"
                            + " classes: [a, b, c]. Remove those rows or train a new model on"
                            + " data that includes them.");

            assertThat(model.history().steps()).hasSize(steps);
            assertThat(model.predict(probe).numberColumn("species_probability").asDoubleArray())
                    .containsExactly(before.numberColumn("species_probability").asDoubleArray());
        }
    }
}
