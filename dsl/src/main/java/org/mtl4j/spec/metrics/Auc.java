package org.mtl4j.spec.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve of a two-class task: the probability that a random row of the
 * positive class (the second class in the task's sorted class list, the one its {@code
 * _probability} column names) gets a higher score than a random row of the other, ties counting
 * half (the Mann–Whitney statistic over the predicted probabilities, with average ranks for
 * tied scores). 0.5 is chance, 1 a perfect ranking. NaN when the labelled rows hold only one
 * class; rows whose score is not finite are left out.
 *
 * <p>For a task with {@code binaryCrossEntropy()} and a {@code dense(1)} head, or {@code
 * crossEntropy()} and a {@code dense(2)} head.
 *
 * <p>Example: {@code .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())}
 */
public record Auc() implements Metric {

    /**
     * The AUC of any scores against 0/1 labels, for scores no single task predicts: a product
     * of two models' probabilities, say, or a ratio of two columns of {@code predict}.
     *
     * <p>Example: {@code Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {0, 0, 1, 1})}
     * is 0.75 (3 of the 4 positive–negative pairs ranked right).
     *
     * @param scores a score per row, higher meaning more likely positive; non-finite ones are
     *     left out
     * @param actual 1 for a positive row, 0 for a negative one, same length
     * @return the AUC, NaN when the rows hold only one class
     * @throws IllegalArgumentException if the lengths differ or a label is not 0 or 1
     */
    public static double of(double[] scores, double[] actual) {
        if (scores.length != actual.length) {
            throw new IllegalArgumentException("Auc.of needs a score per label. Received: "
                    + scores.length + " scores and " + actual.length + " labels. Pass arrays of"
                    + " the same rows.");
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0 && actual[i] != 1) {
                throw new IllegalArgumentException("Auc.of needs labels 0 (negative) or 1"
                        + " (positive). Received: " + actual[i] + " at row " + i + ". Map the"
                        + " classes first, e.g. v.equals(\"yes\") ? 1 : 0.");
            }
        }
        return new Auc().compute(new TaskPredictions(2, actual, actual, scores));
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public boolean forClasses() {
        return true;
    }

    @Override
    public double compute(TaskPredictions p) {
        if (p.scores().length != p.size()) {
            throw new IllegalArgumentException("auc() needs the positive class's probability of"
                    + " every row. Received: " + p.scores().length + " scores for " + p.size()
                    + " rows. It is for two-class tasks only.");
        }
        int n = 0;
        double[][] rows = new double[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            if (Double.isFinite(p.scores()[i])) {
                rows[n++] = new double[] {p.scores()[i], p.actual()[i]};
            }
        }
        double[][] scored = Arrays.copyOf(rows, n);
        Arrays.sort(scored, (a, b) -> Double.compare(a[0], b[0]));
        double positiveRanks = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scored[j + 1][0] == scored[i][0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (scored[k][1] == 1) {
                    positiveRanks += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Override
    public String toString() {
        return "auc()";
    }
}
