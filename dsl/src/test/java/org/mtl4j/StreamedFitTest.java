package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
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
        fromParquet.fit(Sources.parquet(parquet).chunkRows(64).shuffleBuffer(1000), epochs(3),
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
        // and the streamed epochs have no running metrics (nothing of the source is kept)
        assertThat(csvRun.history().epochs().get(2).tasks().get(0).metrics()).isEmpty();
    }
}
