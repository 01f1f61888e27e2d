package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/** fit(source) trains as fit(table) does when the shuffle buffer holds the whole source. */
class StreamedFitTest {

    @TempDir
    Path folder;

    private static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("island"), text("review").vocabulary(30))
                .trunk(dense(16), relu())
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("mass").head(dense(1)).loss(mse()).metric(mae())
                .build();
    }

    @Test
    void aBufferAsLargeAsTheSourceTrainsLikeTheTable() throws Exception {
        // GIVEN 300 rows as a Tablesaw table read from CSV, and the same file as CSV and Parquet
        Table table = StreamData.writeCsv(StreamData.table(300, 5), folder, "rows");
        Path parquet = StreamData.toParquet(folder, "rows");

        // WHEN one model fits the table, two fit the sources with a buffer of the whole file
        // (chunks of 64 rows), with the same seed and batches
        MultiTaskModel inMemory = model();
        var tableRun = inMemory.fit(table, epochs(3), batchSize(32), seed(7), threads(1), quiet());
        MultiTaskModel fromCsv = model();
        var csvRun = fromCsv.fit(Sources.csv(folder.resolve("rows.csv")).chunkRows(64)
                .shuffleBuffer(1000), epochs(3), batchSize(32), seed(7), threads(1), quiet());
        MultiTaskModel fromParquet = model();
        var parquetRun = fromParquet.fit(Sources.parquet(parquet).chunkRows(64).shuffleBuffer(1000), epochs(3),
                batchSize(32), seed(7), threads(1), quiet());

        // THEN the per-epoch losses and every parameter agree to float precision
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < 2; t++) {
                assertThat(csvRun.history().epochs().get(e).tasks().get(t).trainLoss())
                        .isCloseTo(tableRun.history().epochs().get(e).tasks().get(t).trainLoss(),
                                within(1e-5));
            }
        }
        List<double[]> expected = ModelParameters.of(inMemory);
        for (MultiTaskModel streamed : List.of(fromCsv, fromParquet)) {
            List<double[]> actual = ModelParameters.of(streamed);
            assertThat(actual).hasSameSizeAs(expected);
            for (int p = 0; p < expected.size(); p++) {
                for (int i = 0; i < expected.get(p).length; i++) {
                    assertThat(actual.get(p)[i]).isCloseTo(expected.get(p)[i], within(1e-5));
                }
            }
        }
        // and the streamed epochs record the same running training metrics as the table's
        for (var streamedRun : List.of(csvRun, parquetRun)) {
            assertSameMetrics(streamedRun, tableRun);
        }
    }

    @Test
    void everyMetricRunsOverAStreamedEpochAsOverTheTable() throws Exception {
        // GIVEN 400 rows with a two-class label (for AUC), written as CSV
        Table rows = StreamData.table(400, 11);
        java.util.Random random = new java.util.Random(3);
        tech.tablesaw.api.StringColumn click = tech.tablesaw.api.StringColumn.create("click");
        for (int r = 0; r < rows.rowCount(); r++) {
            double x2 = rows.doubleColumn("x2").getDouble(r);
            click.append(x2 + 0.4 * random.nextGaussian() > -1 ? "yes" : "no");
        }
        Table table = StreamData.writeCsv(rows.addColumns(click), folder, "clicks");
        Supplier<MultiTaskModel> model = () -> multiTask()
                .input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(8), relu())
                .task("species").head(dense(3)).loss(crossEntropy())
                        .metric(accuracy()).metric(macroF1())
                .task("mass").head(dense(1)).loss(mse()).metric(mae()).metric(rmse())
                .task("click").head(dense(1)).loss(binaryCrossEntropy())
                        .metric(auc()).metric(accuracy())
                .build();

        // WHEN the table and the CSV file (a buffer of the whole file, chunks of 50 rows, batches
        // that straddle chunks) are fitted with the same seed
        var tableRun = model.get().fit(table, epochs(2), batchSize(48), seed(5), threads(1),
                quiet());
        var csvRun = model.get().fit(Sources.csv(folder.resolve("clicks.csv")).chunkRows(50)
                .shuffleBuffer(1000), epochs(2), batchSize(48), seed(5), threads(1), quiet());

        // THEN every epoch has every task's metrics, equal to the table's
        assertThat(csvRun.history().epochs().get(1).tasks().get(2).metrics())
                .containsOnlyKeys("auc", "accuracy");
        assertSameMetrics(csvRun, tableRun);
    }

    /**
     * Same metric names per epoch and task; counted metrics (accuracy, macro-F1, AUC) equal,
     * summed errors (MAE, RMSE) to float precision (outputs agree to float precision, and the
     * rows are summed in another order).
     */
    private static void assertSameMetrics(TrainingRun streamed, TrainingRun table) {
        assertThat(streamed.history().epochs()).hasSameSizeAs(table.history().epochs());
        for (int e = 0; e < table.history().epochs().size(); e++) {
            for (int t = 0; t < table.history().epochs().get(e).tasks().size(); t++) {
                Map<String, Double> expected = table.history().epochs().get(e).tasks().get(t)
                        .metrics();
                Map<String, Double> actual = streamed.history().epochs().get(e).tasks().get(t)
                        .metrics();
                assertThat(expected).isNotEmpty();
                assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
                for (String name : expected.keySet()) {
                    double want = expected.get(name);
                    if (name.equals("mae") || name.equals("rmse")) {
                        assertThat(actual.get(name)).as("epoch %d task %d %s", e + 1, t, name)
                                .isCloseTo(want, within(1e-5 * Math.abs(want)));
                    } else {
                        assertThat(actual.get(name)).as("epoch %d task %d %s", e + 1, t, name)
                                .isEqualTo(want);
                    }
                }
            }
        }
    }
}
