package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("unit")
class EvaluationTableTest {

    @Test
    void metricsOfEveryTaskBecomeColumnsWithNaNWhereATaskLacksOne() {
        // GIVEN two tasks with different metrics
        EvaluationTable table = new EvaluationTable();
        Map<String, Double> accuracy = new HashMap<>(Map.of("accuracy", 0.75));
        table.add("kind", 8, 0.5, accuracy);
        table.add("value", 6, 1.25, Map.of("mae", 0.9));
        accuracy.put("accuracy", 0.0);   // the caller's map changes after add(...)

        // WHEN the table is built
        Table result = table.build("rows evaluation");

        // THEN one row per task, the metrics in the order the tasks named them
        assertThat(result.name()).isEqualTo("rows evaluation");
        assertThat(result.columnNames()).containsExactly("task", "rows", "loss", "accuracy",
                "mae");
        assertThat(result.intColumn("rows").asList()).containsExactly(8, 6);
        assertThat(result.doubleColumn("accuracy").asDoubleArray()).containsExactly(0.75, Double.NaN);
        assertThat(result.doubleColumn("mae").asDoubleArray()).containsExactly(Double.NaN, 0.9);
    }

    @Test
    void aStreamedCountBeyondAnIntIsRefusedWithTheFix() {
        assertThat(StreamedPrediction.labelledRows("click", Integer.MAX_VALUE))
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> StreamedPrediction.labelledRows("click", 3_000_000_000L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Task 'click' has 3000000000 labelled rows in the source;"
                        + " evaluate(...) counts up to 2147483647 per task. Evaluate a sample or"
                        + " parts of the source, e.g. Sources.duckdb(\"SELECT * FROM"
                        + " 'rows.parquet' USING SAMPLE 10%\").");
    }
}
