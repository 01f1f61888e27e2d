package org.mtl4j.train;

import java.util.Arrays;

/**
 * The AUC of scores that arrive a few at a time, in bounded memory: exact while at most {@code
 * exactRows} scores have come (they are kept, 8 bytes each, and the pairs ranked right counted
 * at the end, ties half: the Mann–Whitney statistic {@link org.mtl4j.spec.metrics.Auc} computes
 * from ranks, to the bit); beyond that the scores go into {@value #BINS} equal bins of [0, 1]
 * (two int counts a bin, 128 KiB) and the AUC is estimated with each bin's positive–negative
 * pairs counted half, which is off by at most {@link #maxError()} (the share of pairs that share
 * a bin, halved). So the memory stays under 256 KiB a task whatever the number of rows.
 *
 * <p>Example: {@code auc.add(0.8, true); auc.add(0.3, false); auc.value()} is 1.0.
 *
 * <p>Defaults: {@link #EXACT_ROWS} = 16,384 scores kept exactly, then {@link #BINS} = 16,384
 * bins.
 */
final class RunningAuc {

    /** Scores kept exactly before the bins take over. */
    static final int EXACT_ROWS = 1 << 14;

    /** Equal bins of [0, 1] once the scores are too many to keep. */
    static final int BINS = 1 << 14;

    private final int exactRows;
    private double[] positives = new double[16];
    private double[] negatives = new double[16];
    private int positiveCount;
    private int negativeCount;
    private int[] positiveBins;
    private int[] negativeBins;

    RunningAuc() {
        this(EXACT_ROWS);
    }

    /** With {@code exactRows} scores kept exactly (a test's small number). */
    RunningAuc(int exactRows) {
        this.exactRows = exactRows;
    }

    /** Adds a finite score in [0, 1] of a positive or a negative row. */
    void add(double score, boolean positive) {
        if (positiveBins != null) {
            (positive ? positiveBins : negativeBins)[bin(score)]++;
            return;
        }
        if (positive) {
            positives = grown(positives, positiveCount);
            positives[positiveCount++] = score;
        } else {
            negatives = grown(negatives, negativeCount);
            negatives[negativeCount++] = score;
        }
        if (positiveCount + negativeCount > exactRows) {
            toBins();
        }
    }

    /** Whether the value is exact (at most {@code exactRows} scores came). */
    boolean exact() {
        return positiveBins == null;
    }

    /**
     * The share of positive–negative pairs ranked right, ties half; NaN without both classes.
     */
    double value() {
        return exact() ? exactValue() : binnedValue();
    }

    /**
     * How far {@link #value()} can be from the exact AUC: 0 while exact, else half the share of
     * positive–negative pairs that share a bin.
     */
    double maxError() {
        if (exact()) {
            return 0;
        }
        double shared = 0;
        long pos = 0;
        long neg = 0;
        for (int b = 0; b < BINS; b++) {
            shared += (double) positiveBins[b] * negativeBins[b];
            pos += positiveBins[b];
            neg += negativeBins[b];
        }
        return pos == 0 || neg == 0 ? Double.NaN : shared / 2 / ((double) pos * neg);
    }

    private double exactValue() {
        double[] pos = Arrays.copyOf(positives, positiveCount);
        double[] neg = Arrays.copyOf(negatives, negativeCount);
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
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

    private double binnedValue() {
        double right = 0;
        long negativesBelow = 0;
        long pos = 0;
        for (int b = 0; b < BINS; b++) {
            right += positiveBins[b] * (negativesBelow + negativeBins[b] / 2.0);
            negativesBelow += negativeBins[b];
            pos += positiveBins[b];
        }
        return pos == 0 || negativesBelow == 0 ? Double.NaN
                : right / ((double) pos * negativesBelow);
    }

    /** Moves the kept scores into the bins and frees them. */
    private void toBins() {
        positiveBins = new int[BINS];
        negativeBins = new int[BINS];
        for (int i = 0; i < positiveCount; i++) {
            positiveBins[bin(positives[i])]++;
        }
        for (int i = 0; i < negativeCount; i++) {
            negativeBins[bin(negatives[i])]++;
        }
        positives = null;
        negatives = null;
    }

    private static int bin(double score) {
        return Math.min(BINS - 1, Math.max(0, (int) (score * BINS)));
    }

    private static double[] grown(double[] values, int size) {
        return size < values.length ? values : Arrays.copyOf(values, Math.multiplyExact(size, 2));
    }
}
