package org.mtl4j.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one epoch and, per task, the epoch's training loss: the mean over steps weighted
 * by each step's labelled rows, so every labelled row counts once. Steps with a non-finite loss
 * or weight (skipped by {@code skipNonFiniteSteps()}) stay in the steps but not in the means.
 */
record EpochSteps(List<StepRecord> steps, double[] trainLosses) {

    /**
     * Reads the epoch's step vectors.
     *
     * @param values per step, the task losses then the task weights
     * @param counts per step, the labelled rows per task
     * @param rates per step, the learning rate
     */
    static EpochSteps of(float[] values, List<int[]> counts, double[] rates, int epoch,
            int stepsBefore) {
        int tasks = counts.get(0).length;
        List<StepRecord> steps = new ArrayList<>(counts.size());
        double[] sums = new double[tasks];
        double[] rows = new double[tasks];
        for (int s = 0; s < counts.size(); s++) {
            double[] losses = new double[tasks];
            double[] weights = new double[tasks];
            for (int t = 0; t < tasks; t++) {
                int labelled = counts.get(s)[t];
                losses[t] = labelled > 0 ? values[s * 2 * tasks + t] : Double.NaN;
                weights[t] = values[s * 2 * tasks + tasks + t];
                if (labelled > 0 && Double.isFinite(losses[t])) {
                    sums[t] += losses[t] * labelled;
                    rows[t] += labelled;
                }
            }
            steps.add(new StepRecord(stepsBefore + s + 1, epoch, losses, weights, rates[s]));
        }
        double[] means = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            means[t] = sums[t] / rows[t];
        }
        return new EpochSteps(steps, means);
    }

    /** The mean weight of task {@code t} over the epoch's steps. */
    double meanWeight(int t) {
        double sum = 0;
        int finite = 0;
        for (StepRecord step : steps) {
            if (Double.isFinite(step.weight(t))) {
                sum += step.weight(t);
                finite++;
            }
        }
        return sum / finite;
    }
}
