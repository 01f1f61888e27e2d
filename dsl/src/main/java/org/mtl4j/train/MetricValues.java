package org.mtl4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.data.LabelValues;
import org.mtl4j.spec.Metric;
import org.mtl4j.spec.TaskPredictions;
import org.mtl4j.spec.TaskSpec;

/** Computes a task's metrics from its outputs and labels, on labelled rows only. */
final class MetricValues {

    private MetricValues() {}

    static Map<String, Double> of(
            TaskSpec task, int classes, float[] outputs, LabelValues labels) {
        Map<String, Double> values = new LinkedHashMap<>();
        int labelled = labels.labelled();
        if (task.metrics().isEmpty() || labelled == 0) {
            return values;
        }
        TaskOutputs read = new TaskOutputs(outputs, task.outputs(), task.loss().labelKind());
        double[] predicted = new double[labelled];
        double[] actual = new double[labelled];
        int i = 0;
        for (int row = 0; row < labels.present().length; row++) {
            if (labels.present()[row]) {
                predicted[i] = read.predicted(row);
                actual[i] = labels.values()[row];
                i++;
            }
        }
        TaskPredictions predictions = new TaskPredictions(classes, predicted, actual);
        for (Metric metric : task.metrics()) {
            values.put(metric.name(), metric.compute(predictions));
        }
        return values;
    }
}
