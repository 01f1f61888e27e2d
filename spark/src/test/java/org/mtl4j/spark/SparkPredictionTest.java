package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Distributed predict on local[2] against model.predict on the collected table. */
class SparkPredictionTest {

    private static SparkSession spark;
    private static MultiTaskModel model;

    @BeforeAll
    static void start() {
        spark = SparkFixture.session();
        model = SparkFixture.model();
        Dataset<Row> data = SparkFixture.data(spark, 150);
        Table table = SparkTables.toTable(data.schema(), data.collectAsList().iterator(), "t");
        model.fit(table, epochs(3), batchSize(32), adam(1e-2), seed(1), quiet());
    }

    @AfterAll
    static void stop() {
        model.close();
        spark.stop();
    }

    @Test
    void transformEqualsPredictOnTheCollectedTable() {
        // GIVEN rows without the label columns, in 2 partitions
        Dataset<Row> data = SparkFixture.data(spark, 150).drop("y", "c");

        // WHEN each partition predicts with its own copy of the model
        Dataset<Row> scored = SparkPrediction.transform(model, data);
        List<Row> rows = scored.collectAsList();

        // THEN the input columns come first, then predict's columns with predict's values
        Table expected = model.predict(
                SparkTables.toTable(data.schema(), data.collectAsList().iterator(), "all"));
        assertThat(scored.columns()).startsWith("x1", "x2", "g");
        assertThat(List.of(scored.columns()).subList(3, scored.columns().length))
                .containsExactlyElementsOf(expected.columnNames());
        assertThat(rows).hasSize(150);
        int compared = 0;
        for (int c = 0; c < expected.columnCount(); c++) {
            Column<?> column = expected.column(c);
            for (int r = 0; r < rows.size(); r++) {
                Object actual = rows.get(r).get(3 + c);
                if (actual instanceof Double value) {
                    assertThat(value).as(column.name() + " row " + r)
                            .isCloseTo(((Number) column.get(r)).doubleValue(),
                                    org.assertj.core.data.Offset.offset(1e-6));
                } else {
                    assertThat(actual).as(column.name() + " row " + r).isEqualTo(column.get(r));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(150 * expected.columnCount());
    }

    @Test
    void aNullModelIsRefusedWithTheFix() {
        Dataset<Row> data = SparkFixture.data(spark, 5);
        assertThatThrownBy(() -> SparkPrediction.transform(null, data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkPrediction.transform() needs a model. Received: null. Pass a"
                        + " trained model, e.g. SparkTraining.of(model).fit(df, ...) or"
                        + " MultiTaskModel.load(path).");
    }

    @Test
    void aPredictionColumnThatIsAlreadyAnInputColumnIsRefused() {
        Dataset<Row> data = SparkFixture.data(spark, 20);
        assertThatThrownBy(() -> SparkPrediction.transform(model, data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The prediction column 'y' is already a column of the DataFrame."
                        + " Received: columns [x1, x2, g, y, c]. Drop it, e.g. df.drop(\"y\"), or"
                        + " name the predictions with a prefix:"
                        + " SparkPrediction.transform(model, df, \"predicted_\").");
        Dataset<Row> scored = SparkPrediction.transform(model, data, "predicted_");
        assertThat(scored.columns()).contains("y", "c", "predicted_y", "predicted_c");
        assertThat(scored.count()).isEqualTo(20);
    }
}
