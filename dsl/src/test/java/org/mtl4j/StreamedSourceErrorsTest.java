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
}
