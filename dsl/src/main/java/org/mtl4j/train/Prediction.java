package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.ModelParts;
import org.mtl4j.progress.Progress;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.LabelKind;
import org.mtl4j.spec.losses.Loss;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Predictions and evaluations of a trained model; {@code MultiTaskModel.predict} and {@code
 * evaluate} are the usual way in.
 *
 * <p>Example: {@code Prediction.predict(parts, table)} has, per classification task, a column
 * with the predicted class and one with a probability (of the predicted class for several
 * classes; of the positive class for a binary task), and per regression task a column with the
 * predicted value.
 */
@Internal
public final class Prediction {

    private Prediction() {}

    /**
     * Predicts every task for every row of {@code table} (label columns are not needed).
     *
     * @return one row per input row: {@code <task>} (class or value); for a task of several
     *     classes {@code <task>_probability}, the probability of the predicted class; for a binary
     *     task {@code <task>_probability_<positive>}, the probability of the positive class (see
     *     {@link #positiveColumn}), so a threshold or a ROC curve can use it directly; a row whose
     *     class scores are not finite gets a missing class and a NaN probability, never the argmax
     *     of NaN
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
            } else if (task.loss().labelKind() == LabelKind.BINARY) {
                StringColumn classes = StringColumn.create(task.name());
                DoubleColumn positive = DoubleColumn.create(positiveColumn(task.name(),
                        labels.classes()));
                for (int r = 0; r < rows.length; r++) {
                    appendClass(classes, labels, outputs.predicted(r));
                    positive.append(outputs.positiveProbability(r));
                }
                predictions.addColumns(classes, positive);
            } else {
                StringColumn classes = StringColumn.create(task.name());
                DoubleColumn probability = DoubleColumn.create(task.name() + "_probability");
                for (int r = 0; r < rows.length; r++) {
                    appendClass(classes, labels, outputs.predicted(r));
                    probability.append(outputs.probability(r));
                }
                predictions.addColumns(classes, probability);
            }
        }
        return predictions;
    }

    /** Appends the predicted class, or a missing value for non-finite scores (NaN index). */
    private static void appendClass(StringColumn classes, TaskLabels labels, double predicted) {
        if (Double.isNaN(predicted)) {
            classes.appendMissing();
        } else {
            classes.append(labels.classes().get((int) predicted));
        }
    }

    /**
     * The name of a binary task's probability column: {@code <task>_probability_<positive>}, the
     * positive class being the second of the task's classes in sorted order (1 of 0/1, true of
     * false/true, male of female/male).
     */
    public static String positiveColumn(String task, List<String> classes) {
        return task + "_probability_" + classes.get(1);
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
        EvaluationTable result = new EvaluationTable();
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            LabelValues values = labelled.labels().get(t);
            result.add(labels.task().name(), values.labelled(),
                    labelled.evaluation().losses()[t],
                    MetricValues.of(labels, labelled.evaluation().outputs().get(t), values));
        }
        return result.build(table.name() + " evaluation");
    }

    /** An evaluation with the host labels it was computed against (empty without labels). */
    record Labelled(Evaluation evaluation, List<LabelValues> labels) {}

    static Labelled run(ModelParts parts, Table table, int[] rows, boolean labels) {
        List<Loss> losses = parts.spec().tasks().stream().map(TaskSpec::loss).toList();
        Progress progress = Progress.delayed(labels ? "rows evaluated" : "rows predicted",
                rows.length);
        try (NDManager manager = parts.manager().newSubManager()) {
            DeviceSplit split = labels
                    ? DeviceSplit.upload(parts, table, rows, manager)
                    : DeviceSplit.features(parts, table, rows, manager);
            Scalars scalars = new Scalars(manager, parts.dataType());
            Evaluation evaluation = new Evaluator(parts.block(), losses, scalars, manager)
                    .evaluate(split, labels, progress::advance);
            return new Labelled(evaluation, split.hostLabels());
        } finally {
            progress.end();
        }
    }
}
