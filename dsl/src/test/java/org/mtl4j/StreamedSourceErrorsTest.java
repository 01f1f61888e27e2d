package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.losses.Loss;
import tech.tablesaw.api.Table;

/** A source that does not fit the model is refused with a message that names the fix. */
class StreamedSourceErrorsTest {

    @TempDir
    Path folder;

    private RowSource source;

    @BeforeEach
    void writeRows() {
        StreamData.writeCsv(StreamData.table(50, 1), folder, "rows");
        source = Sources.csv(folder.resolve("rows.csv"));
    }

    private static MultiTaskModel model(Input input, Loss loss) {
        return multiTask().input(input).trunk(dense(4))
                .task("species").head(dense(loss == mse() ? 1 : 3)).loss(loss).build();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Sources.parquet("no-such-file.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parquet file 'no-such-file.parquet' does not exist. Received:"
                        + " Sources.parquet(\"no-such-file.parquet\"). Check the path (a relative"
                        + " path starts from the working directory, "
                        + Path.of("").toAbsolutePath() + ").");
    }

    @Test
    void aMissingColumnIsNamedWithTheSourcesColumns() {
        assertThatThrownBy(() -> model(numeric("x9"), crossEntropy()).fit(source, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'x9' not found in table 'rows.csv'. Received columns: [x1,"
                        + " x2, island, review, species, mass, shop]. Check the name in"
                        + " numeric(\"x9\").");
    }

    @Test
    void aTextColumnIsNoNumericInput() {
        assertThatThrownBy(() -> model(numeric("island"), crossEntropy()).fit(source, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numeric(\"island\") needs a numeric column, but 'island' is STRING."
                        + " Use categorical(\"island\") for categories or text(\"island\") for"
                        + " free text.");
    }

    @Test
    void aTextLabelIsNoRegressionTarget() {
        assertThatThrownBy(() -> model(numeric("x1"), mse()).fit(source, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'species' uses mse(), which needs a numeric label column, but"
                        + " column 'species' is STRING. Use crossEntropy() to predict"
                        + " categories.");
    }

    @Test
    void missingNumbersAreCountedOverTheSource() {
        assertThatThrownBy(() -> model(numeric("mass"), crossEntropy()).fit(source, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'mass' of source 'rows.csv' has 10 missing values in its 50"
                        + " rows. numeric() inputs must be finite numbers. Filter those rows in"
                        + " the query (WHERE mass IS NOT NULL) or fill them (COALESCE(mass,"
                        + " 0)).");
    }

    @Test
    void aRandomValidationSplitOfASourceIsRefused() {
        assertThatThrownBy(() -> model(numeric("x1"), crossEntropy())
                .fit(source, validationSplit(0.2), quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit(source, ...) cannot hold out a random share of a streamed"
                        + " source. Received: validationSplit(0.2). Pass the held-out rows as a"
                        + " second source: fit(source, Sources.parquet(\"valid.parquet\"),"
                        + " ...).");
    }

    @Test
    void aFailingQueryNamesTheSourceAndTheQuery() {
        RowSource broken = Sources.duckdb("SELECT * FROM no_such_table");
        assertThatThrownBy(() -> model(numeric("x1"), crossEntropy()).fit(broken, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The query of source 'duckdb query' failed: ")
                .hasMessageContaining("no_such_table")
                .hasMessageEndingWith(" Received: SELECT * FROM no_such_table. Check the SQL and"
                        + " the columns it names (source.columnNames() lists them).");
    }

    @Test
    void aSqlSourceNeedsAJdbcUrlAndAQuery() {
        assertThatThrownBy(() -> Sources.sql("postgres://db/shop", "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sql(jdbcUrl, query) needs a JDBC URL. Received:"
                        + " jdbcUrl='postgres://db/shop'. Pass e.g."
                        + " \"jdbc:postgresql://host/db\", or use Sources.duckdb(query).");
        assertThatThrownBy(() -> Sources.duckdb(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sql(\"jdbc:duckdb:\", query) needs a query. Received: query=' '."
                        + " Pass e.g. \"SELECT * FROM clicks\".");
    }

    @Test
    void chunksNeedARow() {
        assertThatThrownBy(() -> source.chunkRows(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkRows(...) needs at least 1 row. Received: chunkRows(0). Use"
                        + " e.g. chunkRows(16_384).");
        assertThat(source.shuffleBuffer(0).shuffleBuffer()).isZero();
    }

    @Test
    void aContinuedFitRefusesMissingNumbersBeforeAnyStep() {
        // GIVEN a model trained on rows whose x1 is complete
        try (MultiTaskModel model = model(numeric("x1", "mass"), crossEntropy())) {
            RowSource complete = Sources.duckdb("SELECT * FROM read_csv('"
                    + folder.resolve("rows.csv") + "') WHERE mass IS NOT NULL");
            model.fit(complete, epochs(1), seed(1), threads(1), quiet());
            Table probe = complete.toTable();
            Table before = model.predict(probe);
            int steps = model.history().steps().size();

            // WHEN it continues on the whole file, whose mass misses in 10 rows
            assertThatThrownBy(() -> model.fit(source, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'mass' of source 'rows.csv' has 10 missing values in its"
                            + " 50 rows. numeric() inputs must be finite numbers. Filter those"
                            + " rows in the query (WHERE mass IS NOT NULL) or fill them"
                            + " (COALESCE(mass, 0)).");

            // THEN no step ran: same predictions to the bit, same history
            assertSameNumbers(before, model.predict(probe));
            assertThat(model.history().steps()).hasSize(steps);
        }
    }

    @Test
    void aContinuedFitRefusesAnUnseenClassBeforeAnyStep() {
        try (MultiTaskModel model = multiTask().input(numeric("x1")).trunk(dense(4))
                .task("species").head(dense(2)).loss(crossEntropy()).build()) {
            RowSource known = Sources.duckdb("SELECT * FROM read_csv('"
                    + folder.resolve("rows.csv") + "') WHERE species <> 'c'");
            model.fit(known, epochs(1), seed(1), threads(1), quiet());
            Table probe = known.toTable();
            Table before = model.predict(probe);
            int steps = model.history().steps().size();

            assertThatThrownBy(() -> model.fit(source, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Task 'species' has a class in source 'rows.csv' that the"
                            + " trained model never saw. Received: species [c]; known classes:"
                            + " [a, b]. Filter those rows in the query (WHERE species IN ('a',"
                            + " 'b')), or train a new model on data that includes them. The"
                            + " model is unchanged.");

            assertSameNumbers(before, model.predict(probe));
            assertThat(model.history().steps()).hasSize(steps);
        }
    }

    private static void assertSameNumbers(Table expected, Table actual) {
        for (String name : expected.columnNames()) {
            if (expected.column(name) instanceof tech.tablesaw.api.NumberColumn<?, ?> numbers) {
                var other = (tech.tablesaw.api.NumberColumn<?, ?>) actual.column(name);
                for (int r = 0; r < numbers.size(); r++) {
                    assertThat(other.getDouble(r)).as("%s row %d", name, r)
                            .isEqualTo(numbers.getDouble(r));
                }
            }
        }
    }

    @Test
    void aWithTaskModelsFirstFitOnASourceNeedsTheOldTasksLabelColumn() {
        try (MultiTaskModel model = model(numeric("x1"), crossEntropy())) {
            model.fit(source, epochs(1), seed(1), threads(1), quiet());
            MultiTaskModel extended = model.withTask("mass").head(dense(1)).loss(mse()).build();
            RowSource newRows = Sources.duckdb("SELECT x1, mass FROM read_csv('"
                    + folder.resolve("rows.csv") + "')");
            assertThatThrownBy(() -> extended.fit(newRows, quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'species' not found in table 'duckdb query'. Received"
                            + " columns: [x1, mass]. Check the name in the labels of task"
                            + " 'species'.");
            RowSource withNulls = Sources.duckdb("SELECT x1, mass, CAST(NULL AS VARCHAR) AS"
                    + " species FROM read_csv('" + folder.resolve("rows.csv") + "')");
            extended.fit(withNulls, epochs(1), seed(1), threads(1), quiet());
            assertThat(extended.history().epochs()).hasSize(1);
            extended.close();
        }
    }

    @Test
    void aNewModelsFirstFitCannotRehearseOnASourceButATrainedModelCan() {
        Table old = source.toTable().setName("old");
        try (MultiTaskModel model = model(numeric("x1"), crossEntropy())) {
            assertThatThrownBy(() -> model.fit(source, rehearsal(old, 0.25), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fit(source, rehearsal(old, 0.25)) needs a trained model (or one"
                            + " made by withTask()): a first fit learns its encoders from the"
                            + " source alone, which never saw the old rows. Received: the first"
                            + " fit of a new model on source 'rows.csv'. Fit the model first,"
                            + " then rehearse; or fit on a table: fit(source.toTable(),"
                            + " rehearsal(old, 0.25)).");
            assertThat(model.parts()).isEmpty();

            // once trained, a fit on the 50 rows rehearses round(50 · 0.25 / 0.75) = 17 old ones
            model.fit(source, epochs(1), batchSize(10), seed(1), threads(1), quiet());
            int steps = model.history().steps().size();
            model.fit(source, epochs(1), batchSize(10), seed(1), threads(1), quiet(),
                    rehearsal(old, 0.25));
            assertThat(model.history().steps().size() - steps).isEqualTo(7);
        }
    }

    @Test
    void aContinuedFitTakesASourceWithALabelColumnOfNulls() {
        // the README's advice for a source without one task's labels: add the column as NULL
        try (MultiTaskModel model = multiTask().input(numeric("x1")).trunk(dense(4))
                .task("species").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(mse()).build()) {
            model.fit(Sources.duckdb("SELECT * FROM read_csv('" + folder.resolve("rows.csv")
                    + "')"), epochs(1), seed(1), threads(1), quiet());
            int steps = model.history().steps().size();
            RowSource noMass = Sources.duckdb("SELECT x1, species, CAST(NULL AS DOUBLE) AS mass"
                    + " FROM read_csv('" + folder.resolve("rows.csv") + "')");

            model.fit(noMass, epochs(1), seed(1), threads(1), quiet());

            assertThat(model.history().steps().size()).isGreaterThan(steps);
        }
    }

    @Test
    void theStatisticsPassLeavesAFileDatabasesThreadsAsTheyWere() throws Exception {
        // GIVEN a file-backed DuckDB database that the user also holds a connection to
        String url = "jdbc:duckdb:" + folder.resolve("shop.db");
        // (with the sources' memory_limit: DuckDB refuses a second configuration of one file)
        java.util.Properties same = new java.util.Properties();
        same.setProperty("memory_limit", Sources.DUCKDB_MEMORY_LIMIT);
        same.setProperty("jdbc_stream_results", "true");
        try (java.sql.Connection mine = java.sql.DriverManager.getConnection(url, same);
                java.sql.Statement sql = mine.createStatement()) {
            sql.execute("CREATE TABLE rows AS SELECT * FROM read_csv('"
                    + folder.resolve("rows.csv") + "')");
            String before = threadsSetting(sql);

            // WHEN a model fits a source on that database (its statistics on one thread)
            try (MultiTaskModel model = model(numeric("x1"), crossEntropy())) {
                model.fit(Sources.sql(url, "SELECT * FROM rows"), epochs(1), seed(1),
                        threads(1), quiet());
            }

            // THEN the user's connection sees the database's threads setting unchanged
            assertThat(threadsSetting(sql)).isEqualTo(before);
        }
    }

    private static String threadsSetting(java.sql.Statement sql) throws java.sql.SQLException {
        try (java.sql.ResultSet result = sql.executeQuery("SELECT current_setting('threads')")) {
            result.next();
            return result.getString(1);
        }
    }
}
