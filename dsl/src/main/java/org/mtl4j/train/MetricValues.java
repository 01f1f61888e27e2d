package org.mtl4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.data.LabelValues;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.metrics.Auc;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.spec.metrics.TaskPredictions;

/** Computes a task's metrics from its outputs and labels, on labelled rows only. */
final class MetricValues {

    private MetricValues() {}

    /**
     * The metrics of a task, a regression task's in its label's original units (its outputs and
     * labels turned back through the task's {@link org.mtl4j.data.TargetScale}).
     */
    static Map<String, Double> of(
            org.mtl4j.data.TaskLabels task, float[] outputs, LabelValues labels) {
        return of(task.task(), task.classes().size(), outputs, labels, task.scale());
    }

    static Map<String, Double> of(
            TaskSpec task, int classes, float[] outputs, LabelValues labels,
            org.mtl4j.data.TargetScale scale) {
        Map<String, Double> values = new LinkedHashMap<>();
        int labelled = labels.labelled();
        if (task.metrics().isEmpty() || labelled == 0) {
            return values;
        }
        TaskOutputs read = new TaskOutputs(outputs, task.outputs(), task.loss().labelKind());
        double[] predicted = new double[labelled];
        double[] actual = new double[labelled];
        boolean scored = read.hasPositiveClass()
                && task.metrics().stream().anyMatch(m -> m instanceof Auc);
        double[] scores = new double[scored ? labelled : 0];
        // one loop per kind of task, each without branches on the kind: the JIT compiles each
        // for one kind instead of recompiling one loop as the tasks of an epoch alternate
        if (classes > 0) {
            classRows(read, labels, predicted, actual, scored ? scores : null);
        } else {
            valueRows(read, labels, scale, predicted, actual, scored ? scores : null);
        }
        TaskPredictions predictions = new TaskPredictions(classes, predicted, actual, scores);
        for (Metric metric : task.metrics()) {
            values.put(metric.name(), metric.compute(predictions));
        }
        return values;
    }

    /** Class tasks: predicted and actual class indices (and scores) of the labelled rows. */
    private static void classRows(TaskOutputs read, LabelValues labels, double[] predicted,
            double[] actual, double[] scores) {
        boolean[] present = labels.present();
        float[] values = labels.values();
        int i = 0;
        for (int row = 0; row < present.length; row++) {
            if (present[row]) {
                if (scores != null) {
                    scores[i] = read.positiveProbability(row);
                }
                predicted[i] = read.predicted(row);
                actual[i] = values[row];
                i++;
            }
        }
    }

    /**
     * Tasks without classes: predicted and actual values of the labelled rows, in label units
     * (and scores, for a binary loss on numeric labels).
     */
    private static void valueRows(TaskOutputs read, LabelValues labels,
            org.mtl4j.data.TargetScale scale, double[] predicted, double[] actual,
            double[] scores) {
        boolean[] present = labels.present();
        float[] values = labels.values();
        int i = 0;
        for (int row = 0; row < present.length; row++) {
            if (present[row]) {
                if (scores != null) {
                    scores[i] = read.positiveProbability(row);
                }
                predicted[i] = scale.invert(read.predicted(row));
                actual[i] = scale.invert(values[row]);
                i++;
            }
        }
    }
}
