package org.mtl4j.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.StreamData;
import tech.tablesaw.api.Table;

/** Every kind of source gives the same rows, a chunk at a time, with Tablesaw column types. */
@Tag("unit")
class RowSourceTest {

    @TempDir
    Path folder;

    /** A data source of plain JDBC connections: the generic (not DuckDB-tuned) path. */
    private static DataSource plain(String url) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public Connection getConnection(String user, String password)
                    throws java.sql.SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {}

            @Override
            public void setLoginTimeout(int seconds) {}

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    @Test
    void csvParquetDuckdbAndJdbcSourcesGiveTheSameRows() throws Exception {
        // GIVEN 50 rows as CSV and Parquet files, and queries over the CSV file
        Table table = StreamData.writeCsv(StreamData.table(50, 3), folder, "rows");
        Path parquet = StreamData.toParquet(folder, "rows");
        String csv = folder.resolve("rows.csv").toString();
        String query = "SELECT * FROM read_csv('" + csv + "')";
        List<RowSource> sources = List.of(Sources.csv(csv), Sources.parquet(parquet),
                Sources.duckdb(query), Sources.sql("jdbc:duckdb:", query),
                Sources.sql(plain("jdbc:duckdb:"), query));

        for (RowSource source : sources) {
            // WHEN each is read 7 rows at a time
            List<Integer> sizes = new ArrayList<>();
            Table all;
            try (ChunkCursor cursor = source.chunkRows(7).open()) {
                all = cursor.schema();
                for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                    sizes.add(chunk.rowCount());
                    all.append(chunk);
                }
            }

            // THEN the chunks are 7 rows but the last, and the rows are the table's
            assertThat(sizes).containsExactly(7, 7, 7, 7, 7, 7, 7, 1);
            assertThat(source.rowCount()).isEqualTo(50);
            assertThat(source.columnNames()).isEqualTo(table.columnNames());
            assertThat(all.column("species").type().name()).isEqualTo("STRING");
            assertThat(all.doubleColumn("x1").asDoubleArray())
                    .isEqualTo(table.doubleColumn("x1").asDoubleArray());
            assertThat(all.doubleColumn("mass").countMissing()).isEqualTo(10);
            assertThat(all.stringColumn("island").countMissing())
                    .isEqualTo(table.stringColumn("island").countMissing());
            assertThat(all.stringColumn("review").asList())
                    .isEqualTo(table.stringColumn("review").asList());
            assertThat(source.head(3).rowCount()).isEqualTo(3);
        }
    }
}
