package org.mtl4j.train;

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
 * <p>AUC ({@link RunningAuc}) is exact for up to 16,384 labelled rows with a finite score (it
 * keeps their scores and counts the pairs ranked right at the end, ties half: the Mann–Whitney
 * statistic {@link Auc} computes from ranks); beyond that it is estimated from 16,384 bins of
 * the score and of its logit, in 256 KiB (384 KiB at most for the moment the kept scores move
 * into the bins) whatever the rows, and the values say so: next to {@code auc} comes {@value
 * #AUC_MAX_ERROR}, how far the estimate can be from the exact AUC.
 *
 * <p>Example: {@code sums.add(outputs, 0, labels); sums.values().get("accuracy")}
 */
final class MetricSums {

    /**
     * The entry next to an estimated AUC: how far it can be from the exact one (see {@link
     * RunningAuc}).
     */
    static final String AUC_MAX_ERROR = "auc_max_error";

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
    private final RunningAuc auc;

    MetricSums(TaskLabels labels) {
        this(labels, RunningAuc.EXACT_ROWS);
    }

    /** With AUC exact for at most {@code exactScores} scores (a test's small number). */
    MetricSums(TaskLabels labels, int exactScores) {
        this.task = labels.task();
        this.classes = labels.classes().size();
        this.scale = labels.scale();
        this.scored = task.metrics().stream().anyMatch(m -> m instanceof Auc);
        this.auc = scored ? new RunningAuc(exactScores) : null;
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
                    auc.add(score, actual == 1);
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
            if (metric instanceof Auc && !auc.exact()) {
                values.put(AUC_MAX_ERROR, auc.maxError());
            }
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
        return auc.value();
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
}
