package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.data.LabelValues;
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
     *     {@code <task>_probability}; a row whose class scores are not finite gets a missing
     *     class and a NaN probability, never the argmax of NaN
     */
    public static Table predict(ModelParts parts, Table table) {
        int[] rows = Split.allRows(table.rowCount());
        Evaluation evaluation = run(parts, table, rows, false).evaluation();
        Table predictions = Table.create(table.name() + " predictions");
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            TaskSpec task = labels.task();
            TaskOutputs outputs = new TaskOutputs(evaluation.outputs().get(t), task.outputs(),
                    task.loss().labelKind());
            if (task.loss().labelKind() == LabelKind.NUMBER) {
                DoubleColumn values = DoubleColumn.create(task.name());
                for (int r = 0; r < rows.length; r++) {
                    values.append(labels.scale().invert(outputs.predicted(r)));
                }
                predictions.addColumns(values);
            } else {
                StringColumn classes = StringColumn.create(task.name());
                DoubleColumn probability = DoubleColumn.create(task.name() + "_probability");
                for (int r = 0; r < rows.length; r++) {
                    double predicted = outputs.predicted(r);
                    if (Double.isNaN(predicted)) {
                        classes.appendMissing();   // non-finite scores: no class
                    } else {
                        classes.append(labels.classes().get((int) predicted));
                    }
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
        Labelled labelled = run(parts, table, rows, true);
        StringColumn task = StringColumn.create("task");
        IntColumn labelledRows = IntColumn.create("rows");
        DoubleColumn loss = DoubleColumn.create("loss");
        List<Map<String, Double>> metrics = new ArrayList<>();
        Set<String> metricNames = new LinkedHashSet<>();
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            LabelValues values = labelled.labels().get(t);
            Map<String, Double> taskMetrics = MetricValues.of(labels,
                    labelled.evaluation().outputs().get(t), values);
            task.append(labels.task().name());
            labelledRows.append(values.labelled());
            loss.append(labelled.evaluation().losses()[t]);
            metrics.add(taskMetrics);
            metricNames.addAll(taskMetrics.keySet());
        }
        Table result = Table.create(table.name() + " evaluation", task, labelledRows, loss);
        for (String name : metricNames) {
            DoubleColumn column = DoubleColumn.create(name);
            metrics.forEach(m -> column.append(m.getOrDefault(name, Double.NaN)));
            result.addColumns(column);
        }
        return result;
    }

    /** An evaluation with the host labels it was computed against (empty without labels). */
    private record Labelled(Evaluation evaluation, List<LabelValues> labels) {}

    private static Labelled run(ModelParts parts, Table table, int[] rows, boolean labels) {
        List<Loss> losses = parts.spec().tasks().stream().map(TaskSpec::loss).toList();
        try (NDManager manager = parts.manager().newSubManager()) {
            DeviceSplit split = labels
                    ? DeviceSplit.upload(parts, table, rows, manager)
                    : DeviceSplit.features(parts, table, rows, manager);
            Scalars scalars = new Scalars(manager, parts.dataType());
            Evaluation evaluation =
                    new Evaluator(parts.block(), losses, scalars, manager).evaluate(split, labels);
            return new Labelled(evaluation, split.hostLabels());
        }
    }
}
