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
        int i = 0;
        for (int row = 0; row < labels.present().length; row++) {
            if (labels.present()[row]) {
                if (scored) {
                    scores[i] = read.positiveProbability(row);
                }
                predicted[i] = classes > 0
                        ? read.predicted(row)
                        : scale.invert(read.predicted(row));
                actual[i] = classes > 0
                        ? labels.values()[row]
                        : scale.invert(labels.values()[row]);
                i++;
            }
        }
        TaskPredictions predictions = new TaskPredictions(classes, predicted, actual, scores);
        for (Metric metric : task.metrics()) {
            values.put(metric.name(), metric.compute(predictions));
        }
        return values;
    }
}
