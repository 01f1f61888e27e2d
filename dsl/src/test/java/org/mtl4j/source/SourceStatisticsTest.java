package org.mtl4j.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.StreamData;
import org.mtl4j.data.EncoderState;
import org.mtl4j.data.FeatureEncoder;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import tech.tablesaw.api.Table;

/** The streamed statistics pass learns what the in-memory fit learns from the same rows. */
@Tag("unit")
class SourceStatisticsTest {

    @TempDir
    Path folder;

    private static ModelSpec spec(org.mtl4j.spec.inputs.Input... more) {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("island"), categorical("shop")
                        .embedding(3))
                .input(more)
                .trunk(dense(4))
                .task("species").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(mse())
                .build().spec();
    }

    @Test
    void csvAndParquetStatisticsMatchTheTables() throws Exception {
        // GIVEN 2000 rows (missing islands and masses) as a table read back from CSV, and as
        // CSV and Parquet sources read in chunks of 300
        Table table = StreamData.writeCsv(StreamData.table(2000, 9), folder, "rows");
        Path parquet = StreamData.toParquet(folder, "rows");
        List<RowSource> sources = List.of(Sources.csv(folder.resolve("rows.csv")).chunkRows(300),
                Sources.parquet(parquet).chunkRows(300));
        for (ModelSpec spec : List.of(spec(text("review").vocabulary(25)),
                spec(text("review").vocabulary(12).embeddingBag(4)),
                spec(text("review").embeddingBag(2)))) {
            for (RowSource source : sources) {
                // WHEN the statistics are computed from the source
                SourceStatistics.Fitted fitted = SourceStatistics.fit(spec, source, null);

                // THEN they are those of the table
                assertThat(fitted.rows()).isEqualTo(2000);
                assertSameStatistics(spec, table, fitted);
            }
        }
    }

    @Test
    void anotherJdbcDatabaseGivesTheSameStatistics() throws Exception {
        // GIVEN 700 rows in a table of an in-memory H2 database (not DuckDB)
        Table table = StreamData.writeCsv(StreamData.table(700, 4), folder, "rows");
        String url = "jdbc:h2:mem:statistics;DB_CLOSE_DELAY=-1";
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url);
                java.sql.Statement create = db.createStatement()) {
            create.execute("CREATE TABLE rows (\"x1\" DOUBLE PRECISION, \"x2\" DOUBLE PRECISION,"
                    + " \"island\" VARCHAR, \"review\" VARCHAR, \"species\" VARCHAR,"
                    + " \"mass\" DOUBLE PRECISION, \"shop\" INTEGER)");
            try (java.sql.PreparedStatement insert =
                    db.prepareStatement("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int r = 0; r < table.rowCount(); r++) {
                    for (int c = 0; c < 7; c++) {
                        var column = table.column(c);
                        insert.setObject(c + 1, column.isMissing(r) ? null : column.get(r));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        // WHEN the statistics come from a query through H2's JDBC driver, 64 rows at a time
        ModelSpec spec = spec(text("review").vocabulary(25));
        SourceStatistics.Fitted fitted = SourceStatistics.fit(spec,
                Sources.sql(url, "SELECT * FROM rows").chunkRows(64), null);

        // THEN they are those of the table
        assertThat(fitted.rows()).isEqualTo(700);
        assertSameStatistics(spec, table, fitted);
    }

    /**
     * Levels, vocabularies, bag lengths and classes are equal; means and standard deviations
     * agree to 1e-12 relative (SQL sums in another order).
     */
    private static void assertSameStatistics(ModelSpec spec, Table table,
            SourceStatistics.Fitted fitted) {
        int[] all = Split.allRows(table.rowCount());
        List<EncoderState> expected = FeatureEncoder.fit(spec.inputs(), table, all).state();
        List<EncoderState> actual = fitted.encoder().state();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof EncoderState.Numeric e) {
                EncoderState.Numeric a = (EncoderState.Numeric) actual.get(i);
                assertThat(a.mean()).isCloseTo(e.mean(), within(1e-12 * Math.abs(e.mean())));
                assertThat(a.scale()).isCloseTo(e.scale(), within(1e-12 * e.scale()));
            } else {
                assertThat(actual.get(i)).isEqualTo(expected.get(i));
            }
        }
        for (int t = 0; t < spec.tasks().size(); t++) {
            TaskSpec task = spec.tasks().get(t);
            TaskLabels inMemory = TaskLabels.fit(task, table, all);
            TaskLabels streamed = fitted.labels().get(t);
            assertThat(streamed.classes()).isEqualTo(inMemory.classes());
            assertThat(streamed.scale().mean())
                    .isCloseTo(inMemory.scale().mean(), within(1e-12 * 100));
            assertThat(streamed.scale().std())
                    .isCloseTo(inMemory.scale().std(), within(1e-12 * 100));
        }
    }
}
