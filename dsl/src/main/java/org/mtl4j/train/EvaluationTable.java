package org.mtl4j.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The table {@code evaluate(...)} returns, one row per task: {@code task}, {@code rows} (its
 * labelled rows), {@code loss} and one column per metric any task has (NaN where a task lacks it),
 * in the order the tasks first name them. Shared by the in-memory and the streamed evaluation.
 *
 * <p>Example:
 *
 * <pre>{@code
 * EvaluationTable table = new EvaluationTable();
 * table.add("sentiment", 120, 0.41, Map.of("accuracy", 0.83));
 * Table result = table.build("reviews evaluation");
 * }</pre>
 */
final class EvaluationTable {

    private final StringColumn task = StringColumn.create("task");
    private final IntColumn labelledRows = IntColumn.create("rows");
    private final DoubleColumn loss = DoubleColumn.create("loss");
    private final List<Map<String, Double>> metrics = new ArrayList<>();
    private final Set<String> metricNames = new LinkedHashSet<>();

    /** Adds one task's row. */
    void add(String taskName, int rows, double taskLoss, Map<String, Double> taskMetrics) {
        task.append(taskName);
        labelledRows.append(rows);
        loss.append(taskLoss);
        metrics.add(Map.copyOf(taskMetrics));
        metricNames.addAll(taskMetrics.keySet());
    }

    /** The table named {@code name}, with the rows added so far. */
    Table build(String name) {
        Table result = Table.create(name, task.copy(), labelledRows.copy(), loss.copy());
        for (String metric : metricNames) {
            DoubleColumn column = DoubleColumn.create(metric);
            metrics.forEach(m -> column.append(m.getOrDefault(metric, Double.NaN)));
            result.addColumns(column);
        }
        return result;
    }
}
