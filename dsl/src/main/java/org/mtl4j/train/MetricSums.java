package org.mtl4j.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.TargetScale;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.metrics.Accuracy;
import org.mtl4j.spec.metrics.Auc;
import org.mtl4j.spec.metrics.MacroF1;
import org.mtl4j.spec.metrics.Mae;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.spec.metrics.Rmse;

/**
 * One task's metrics summed over rows that arrive a few batches at a time (a streamed epoch's
 * running metrics), each as {@link MetricValues} computes it over all rows at once, with the
 * same value: accuracy counts correct rows, macro-F1 counts per class true positives,
 * predictions and labels, MAE and RMSE sum errors in the label's units (in the order rows
 * arrive, so they may differ from an all-rows sum in the last bits). These keep a few numbers
 * whatever the number of rows.
 *
 * <p>AUC is exact too, but needs every labelled row's score: it keeps the positive class's
 * probability of each labelled row with a finite score, 8 bytes a row, so its memory grows with
 * the epoch's rows (160 MB for 20 million labelled rows). At the end it sorts the positive and
 * the negative rows' scores and counts the pairs ranked right (ties half), which is the
 * Mann–Whitney statistic {@link Auc} computes from ranks.
 *
 * <p>Example: {@code sums.add(outputs, 0, labels); sums.values().get("accuracy")}
 */
final class MetricSums {

    private final TaskSpec task;
    private final int classes;
    private final TargetScale scale;
    private final boolean scored;
    private long labelled;
    private long correct;
    private final long[] truePositives;
    private final long[] predictedCount;
    private final long[] actualCount;
    private double absolute;
    private double squared;
    private final Scores positives = new Scores();
    private final Scores negatives = new Scores();

    MetricSums(TaskLabels labels) {
        this.task = labels.task();
        this.classes = labels.classes().size();
        this.scale = labels.scale();
        this.scored = task.metrics().stream().anyMatch(m -> m instanceof Auc);
        int counted = task.metrics().stream().anyMatch(m -> m instanceof MacroF1)
                ? Math.max(classes, 1) : 0;
        this.truePositives = new long[counted];
        this.predictedCount = new long[counted];
        this.actualCount = new long[counted];
    }

    /**
     * Adds rows: row {@code r} of {@code labels} has the outputs at row {@code from + r} of
     * {@code outputs} (rows × the task's outputs, flattened); rows without a label are skipped.
     */
    void add(float[] outputs, int from, LabelValues labels) {
        TaskOutputs read = new TaskOutputs(outputs, task.outputs(), task.loss().labelKind());
        boolean[] present = labels.present();
        for (int r = 0; r < present.length; r++) {
            if (!present[r]) {
                continue;
            }
            int row = from + r;
            double predicted = classes > 0 ? read.predicted(row)
                    : scale.invert(read.predicted(row));
            double actual = classes > 0 ? labels.values()[r]
                    : scale.invert(labels.values()[r]);
            labelled++;
            if (predicted == actual) {   // never for a NaN prediction
                correct++;
            }
            if (truePositives.length > 0) {   // as MacroF1: a NaN prediction counts as class 0
                int predictedClass = (int) predicted;
                int actualClass = (int) actual;
                predictedCount[predictedClass]++;
                actualCount[actualClass]++;
                if (predictedClass == actualClass) {
                    truePositives[actualClass]++;
                }
            }
            double error = predicted - actual;
            absolute += Math.abs(error);
            squared += error * error;
            if (scored && read.hasPositiveClass()) {
                double score = read.positiveProbability(row);
                if (Double.isFinite(score)) {
                    (actual == 1 ? positives : negatives).add(score);
                }
            }
        }
    }

    /** The task's metrics over the rows added, in declaration order; empty without any. */
    Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        if (labelled == 0) {
            return values;
        }
        for (Metric metric : task.metrics()) {
            values.put(metric.name(), value(metric));
        }
        return values;
    }

    private double value(Metric metric) {
        if (metric instanceof Accuracy) {
            return (double) correct / labelled;
        }
        if (metric instanceof MacroF1) {
            return macroF1();
        }
        if (metric instanceof Mae) {
            return absolute / labelled;
        }
        if (metric instanceof Rmse) {
            return Math.sqrt(squared / labelled);
        }
        return auc();
    }

    private double macroF1() {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < truePositives.length; c++) {
            long denominator = predictedCount[c] + actualCount[c];
            if (denominator > 0) {
                sum += 2.0 * truePositives[c] / denominator;
                counted++;
            }
        }
        return sum / counted;
    }

    /** Pairs (positive, negative) with the positive scored higher, ties half, over all pairs. */
    private double auc() {
        double[] pos = positives.sorted();
        double[] neg = negatives.sorted();
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        long below = 0;
        long tied = 0;
        int lower = 0;
        int upper = 0;
        for (double score : pos) {
            while (lower < neg.length && neg[lower] < score) {
                lower++;
            }
            upper = Math.max(upper, lower);
            while (upper < neg.length && neg[upper] == score) {
                upper++;
            }
            below += lower;
            tied += upper - lower;
        }
        return (below + tied / 2.0) / ((double) pos.length * neg.length);
    }

    /** A growing list of scores. */
    private static final class Scores {
        private double[] values = new double[16];
        private int size;

        void add(double score) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.multiplyExact(size, 2));
            }
            values[size++] = score;
        }

        double[] sorted() {
            double[] kept = Arrays.copyOf(values, size);
            Arrays.sort(kept);
            return kept;
        }
    }
}
