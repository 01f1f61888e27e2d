package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.LabelKind;
import org.mtl4j.spec.Loss;
import org.mtl4j.spec.Scalars;
import org.mtl4j.spec.TaskSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Predictions and evaluations of a trained model; {@code MultiTaskModel.predict} and {@code
 * evaluate} are the usual way in.
 *
 * <p>Example: {@code Prediction.predict(parts, table)} has, per classification task, a column
 * with the predicted class and one with its probability, and per regression task a column with
 * the predicted value.
 */
public final class Prediction {

    private Prediction() {}

    /**
     * Predicts every task for every row of {@code table} (label columns are not needed).
     *
     * @return one row per input row: {@code <task>} (class or value) and, for classification,
     *     {@code <task>_probability}
     */
    public static Table predict(ModelParts parts, Table table) {
        int[] rows = Split.allRows(table.rowCount());
        Evaluation evaluation = run(parts, table, rows, false);
        Table predictions = Table.create(table.name() + " predictions");
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            TaskSpec task = labels.task();
            TaskOutputs outputs = new TaskOutputs(evaluation.outputs().get(t), task.outputs(),
                    task.loss().labelKind());
            if (task.loss().labelKind() == LabelKind.NUMBER) {
                DoubleColumn values = DoubleColumn.create(task.name());
                for (int r = 0; r < rows.length; r++) {
                    values.append(outputs.predicted(r));
                }
                predictions.addColumns(values);
            } else {
                StringColumn classes = StringColumn.create(task.name());
                DoubleColumn probability = DoubleColumn.create(task.name() + "_probability");
                for (int r = 0; r < rows.length; r++) {
                    classes.append(labels.classes().get((int) outputs.predicted(r)));
                    probability.append(outputs.probability(r));
                }
                predictions.addColumns(classes, probability);
            }
        }
        return predictions;
    }

    /**
     * Evaluates every task on the labelled rows of {@code table}.
     *
     * @return one row per task: {@code task, rows} (labelled rows), {@code loss} and one column per
     *     metric (missing where the task has no such metric)
     */
    public static Table evaluate(ModelParts parts, Table table) {
        int[] rows = Split.allRows(table.rowCount());
        Evaluation evaluation = run(parts, table, rows, true);
        StringColumn task = StringColumn.create("task");
        IntColumn labelled = IntColumn.create("rows");
        DoubleColumn loss = DoubleColumn.create("loss");
        Table result = Table.create(table.name() + " evaluation", task, labelled, loss);
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            var values = labels.encode(table, rows);
            Map<String, Double> metrics = MetricValues.of(labels.task(), labels.classes().size(),
                    evaluation.outputs().get(t), values);
            task.append(labels.task().name());
            labelled.append(values.labelled());
            loss.append(evaluation.losses()[t]);
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                if (!result.containsColumn(metric.getKey())) {
                    DoubleColumn column = DoubleColumn.create(metric.getKey());
                    for (int i = 0; i < t; i++) {
                        column.appendMissing();
                    }
                    result.addColumns(column);
                }
            }
            for (String name : result.columnNames().subList(3, result.columnCount())) {
                Double value = metrics.get(name);
                result.doubleColumn(name).append(value == null ? Double.NaN : value);
            }
        }
        return result;
    }

    private static Evaluation run(ModelParts parts, Table table, int[] rows, boolean labels) {
        List<Loss> losses = parts.spec().tasks().stream().map(TaskSpec::loss).toList();
        try (NDManager manager = parts.manager().newSubManager()) {
            DeviceSplit split = labels
                    ? DeviceSplit.upload(parts, table, rows, manager)
                    : DeviceSplit.features(parts, table, rows, manager);
            Scalars scalars = new Scalars(manager, parts.dataType());
            return new Evaluator(parts.block(), losses, scalars, manager)
                    .evaluate(split, labels);
        }
    }
}
