package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/** predict and evaluate over a source give what they give over the same rows as a table. */
class StreamedPredictionTest {

    @TempDir
    Path folder;

    private static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("island"), text("review"))
                .trunk(dense(16), relu())
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .metric(macroF1())
                .task("mass").head(dense(1)).loss(mse()).metric(mae()).metric(rmse())
                .build();
    }

    /**
     * The table's columns and the other's agree: strings equal, numbers to float precision
     * (1e-6 relative: a forward pass over other chunk sizes rounds otherwise).
     */
    private static void assertSameColumns(Table expected, Table actual) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (String name : expected.columnNames()) {
            var want = expected.column(name);
            var got = actual.column(name);
            for (int r = 0; r < want.size(); r++) {
                if (want instanceof tech.tablesaw.api.NumberColumn<?, ?> numbers) {
                    double value = numbers.getDouble(r);
                    double actualValue = ((tech.tablesaw.api.NumberColumn<?, ?>) got).getDouble(r);
                    if (Double.isNaN(value)) {
                        assertThat(actualValue).as("%s row %d", name, r).isNaN();
                    } else {
                        assertThat(actualValue).as("%s row %d", name, r)
                                .isCloseTo(value, within(1e-6 * Math.max(1, Math.abs(value))));
                    }
                } else {
                    assertThat(got.getUnformattedString(r)).isEqualTo(
                            want.getUnformattedString(r));
                }
            }
        }
    }

    @Test
    void predictionsWrittenInChunksAreTheTablesPredictions() throws Exception {
        // GIVEN a model trained on 400 rows, and the rows as a source read 37 at a time
        Table table = StreamData.writeCsv(StreamData.table(400, 2), folder, "rows");
        Path parquet = StreamData.toParquet(folder, "rows");
        MultiTaskModel model = model();
        model.fit(table, epochs(2), seed(3), threads(1), quiet());
        Table expected = model.predict(table);
        RowSource source = Sources.parquet(parquet).chunkRows(37);

        // WHEN it predicts the source into a CSV and a Parquet file, and into a table
        long csvRows = model.predict(source, folder.resolve("out.csv"), "shop");
        long parquetRows = model.predict(source, folder.resolve("out.parquet"), "shop");
        Table inMemory = model.predict(source);

        // THEN every file has the kept column, then the table's predictions, row for row
        assertThat(csvRows).isEqualTo(400);
        assertThat(parquetRows).isEqualTo(400);
        Table csv = Table.read().csv(folder.resolve("out.csv").toFile());
        Table fromParquet = Sources.parquet(folder.resolve("out.parquet")).toTable();
        for (Table written : new Table[] {csv, fromParquet}) {
            assertThat(written.columnNames().get(0)).isEqualTo("shop");
            assertThat(written.numberColumn("shop").asDoubleArray())
                    .isEqualTo(table.numberColumn("shop").asDoubleArray());
            assertSameColumns(expected, written.rejectColumns("shop"));
        }
        assertThat(fromParquet.column("species")).isInstanceOf(tech.tablesaw.api.StringColumn.class);
        assertThat(fromParquet.column("mass")).isInstanceOf(tech.tablesaw.api.DoubleColumn.class);
        assertSameColumns(expected, inMemory);
        try (var files = java.nio.file.Files.list(folder)) {   // no temporary file is left
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains("part")))
                    .isEmpty();
        }
    }

    @Test
    void aStreamedEvaluationIsTheTablesEvaluation() throws Exception {
        // GIVEN a trained model and its rows as a source read 37 at a time
        Table table = StreamData.writeCsv(StreamData.table(400, 4), folder, "rows");
        MultiTaskModel model = model();
        model.fit(table, epochs(2), seed(3), threads(1), quiet());

        // WHEN it evaluates the table and the source
        Table expected = model.evaluate(table);
        Table streamed = model.evaluate(Sources.csv(folder.resolve("rows.csv")).chunkRows(37));

        // THEN rows, loss and metrics (accuracy, macro F1, MAE, RMSE) agree
        assertThat(streamed.columnNames()).isEqualTo(expected.columnNames());
        assertThat(streamed.intColumn("rows").asList()).containsExactly(400, 320);
        assertSameColumns(expected.rejectColumns("loss"), streamed.rejectColumns("loss"));
        for (int t = 0; t < 2; t++) {
            assertThat(streamed.doubleColumn("loss").get(t))
                    .isCloseTo(expected.doubleColumn("loss").get(t), within(1e-5));
        }
    }

    @Test
    void aValidationSourceGivesEveryEpochItsMetrics() throws Exception {
        // GIVEN 400 training rows and 100 held-out rows, as two files
        StreamData.writeCsv(StreamData.table(400, 6), folder, "train");
        StreamData.writeCsv(StreamData.table(100, 7), folder, "valid");

        // WHEN a model fits the first, validating on the second, for 2 epochs, then 1 more
        RowSource train = Sources.csv(folder.resolve("train.csv")).chunkRows(50);
        RowSource valid = Sources.csv(folder.resolve("valid.csv"));
        MultiTaskModel model = model();
        model.fit(train, valid, epochs(2), batchSize(32), seed(1), threads(1), quiet());
        TrainingRun run = model.fit(train, valid, epochs(1), batchSize(32), seed(1), threads(1),
                quiet());

        // THEN every epoch has a validation loss and the held-out metrics
        assertThat(run.history().epochs()).hasSize(3);
        for (var epoch : run.history().epochs()) {
            TaskEpoch species = epoch.tasks().get(0);
            assertThat(species.validationLoss()).isFinite();
            assertThat(species.metrics()).containsKeys("accuracy", "macro_f1");
            assertThat(epoch.tasks().get(1).metrics()).containsKeys("mae", "rmse");
        }
        assertThat(run.history().epochs().get(2).tasks().get(1).validationLoss())
                .isLessThan(run.history().epochs().get(0).tasks().get(1).validationLoss());
        // and the model saves and loads like one fitted on a table
        model.save(folder.resolve("model.mtl4j"));
        Table expected = model.predict(valid);
        try (MultiTaskModel loaded = MultiTaskModel.load(folder.resolve("model.mtl4j"))) {
            assertSameColumns(expected, loaded.predict(valid));
        }
    }
}

