package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import tech.tablesaw.api.Table;

/**
 * predict(source, file) writes a whole file or none: a failure leaves nothing at the target and
 * no temporary file; an empty source still gets a header.
 */
class StreamedPredictionFilesTest {

    @TempDir
    static Path data;

    @TempDir
    Path out;

    private static MultiTaskModel model;
    private static Path csv;

    @BeforeAll
    static void train() {
        Table table = StreamData.writeCsv(StreamData.table(200, 4), data, "rows");
        csv = data.resolve("rows.csv");
        model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(4))
                .task("species").head(dense(3)).loss(crossEntropy())
                .build();
        model.fit(table, epochs(1), seed(1), threads(1), quiet());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMissingKeptColumnLeavesNoFile() throws IOException {
        for (String name : new String[] {"scores.csv", "scores.parquet"}) {
            assertThatThrownBy(() -> model.predict(Sources.csv(csv), out.resolve(name), "nope"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("predict() cannot keep column 'nope'");
        }
        assertThat(filesIn(out)).isEmpty();
    }

    @Test
    void aChunkFailingMidwayLeavesNoFileAndKeepsTheOldOne() throws IOException {
        // 3000 good rows, then rows without x1: the fourth chunk fails in the encoder after
        // three chunks were predicted and written
        RowSource failing = Sources.duckdb("SELECT CASE WHEN i < 3000 THEN i * 0.001 END AS x1,"
                + " 1.0 AS x2, i AS id FROM range(6000) t(i)").chunkRows(1000);
        Path old = out.resolve("old.csv");
        Files.writeString(old, "previous\n");
        for (String name : new String[] {"scores.csv", "scores.parquet", "old.csv"}) {
            assertThatThrownBy(() -> model.predict(failing, out.resolve(name), "id"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x1");
        }
        assertThat(filesIn(out)).containsExactly("old.csv");
        assertThat(Files.readString(old)).isEqualTo("previous\n");
    }

    @Test
    void anEmptySourceWritesTheHeader() throws IOException {
        RowSource empty = Sources.duckdb("SELECT * FROM read_csv('" + csv + "') WHERE x1 > 1e9");

        long csvRows = model.predict(empty, out.resolve("empty.csv"), "shop");
        long parquetRows = model.predict(empty, out.resolve("empty.parquet"), "shop");

        assertThat(csvRows).isZero();
        assertThat(parquetRows).isZero();
        Table expected = model.predict(Table.read().csv(csv.toFile()).first(1));
        List<String> columns = new java.util.ArrayList<>(List.of("shop"));
        columns.addAll(expected.columnNames());
        assertThat(Files.readAllLines(out.resolve("empty.csv")))
                .containsExactly(String.join(",", columns));
        Table parquet = Sources.parquet(out.resolve("empty.parquet")).toTable();
        assertThat(parquet.rowCount()).isZero();
        assertThat(parquet.columnNames()).isEqualTo(columns);
        assertThat(filesIn(out)).containsExactly("empty.csv", "empty.parquet");
    }

    @Test
    void aKeptColumnNamedLikeAPredictionIsRefused() {
        List<String> predictionColumns = model.predict(Table.read().csv(csv.toFile()).first(1))
                .columnNames();
        String clash = predictionColumns.get(predictionColumns.size() - 1);
        RowSource source = Sources.duckdb("SELECT x1, x2, 'x' AS \"" + clash
                + "\" FROM read_csv('" + csv + "')");
        assertThatThrownBy(() -> model.predict(source, out.resolve("s.csv"), clash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predict() cannot keep column '" + clash + "': a prediction column"
                        + " has that name. Received: prediction columns=" + predictionColumns
                        + ". Rename it in the query (SELECT " + clash + " AS " + clash
                        + "_kept, ...) or keep other columns.");
    }
}
