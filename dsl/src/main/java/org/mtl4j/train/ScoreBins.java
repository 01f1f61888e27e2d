package org.mtl4j.train;

/**
 * Scores in [0, 1] counted into equal bins, positives and negatives apart: of the score itself
 * or of its logit ln(p/(1−p)), over a range; bin = ⌊(x − low)·scale⌋, scores beyond the range in
 * the first or last bin. A score's bin never decreases as the score grows, so the AUC estimated
 * with each bin's positive–negative pairs counted half is off by at most half the share of pairs
 * that share a bin ({@link #maxError()}). Part of {@link RunningAuc}.
 *
 * <p>Example: {@code var bins = new ScoreBins(false, 0, ScoreBins.BINS); bins.add(0.8, true);
 * bins.add(0.3, false); bins.value()} is 1.0.
 */
final class ScoreBins {

    /** Bins of a binning. */
    static final int BINS = 1 << 14;

    /** The bytes of a binning's counts (two ints a bin). */
    static final long BYTES = 8L * BINS;

    private final boolean onLogits;
    private final double low;
    private final double scale;
    private final int[] positives = new int[BINS];
    private final int[] negatives = new int[BINS];

    /**
     * @param onLogits bins of the logit rather than the score
     * @param low where the first bin starts
     * @param scale bins per unit of the score or logit
     */
    ScoreBins(boolean onLogits, double low, double scale) {
        this.onLogits = onLogits;
        this.low = low;
        this.scale = scale;
    }

    /** Counts a finite score in [0, 1] of a positive or a negative row. */
    void add(double score, boolean positive) {
        (positive ? positives : negatives)[bin(score)]++;
    }

    /** The estimated AUC: pairs in different bins ranked by bin, pairs sharing one half. */
    double value() {
        double right = 0;
        long negativesBelow = 0;
        long pos = 0;
        for (int b = 0; b < BINS; b++) {
            right += positives[b] * (negativesBelow + negatives[b] / 2.0);
            negativesBelow += negatives[b];
            pos += positives[b];
        }
        return pos == 0 || negativesBelow == 0 ? Double.NaN
                : right / ((double) pos * negativesBelow);
    }

    /** Half the share of positive–negative pairs that share a bin; NaN without both classes. */
    double maxError() {
        long pos = 0;
        long neg = 0;
        for (int b = 0; b < BINS; b++) {
            pos += positives[b];
            neg += negatives[b];
        }
        return pos == 0 || neg == 0 ? Double.NaN : sharedPairs() / 2 / ((double) pos * neg);
    }

    /** The positive–negative pairs that share a bin. */
    double sharedPairs() {
        double shared = 0;
        for (int b = 0; b < BINS; b++) {
            shared += (double) positives[b] * negatives[b];
        }
        return shared;
    }

    static double logit(double probability) {
        return Math.log(probability) - Math.log1p(-probability);
    }

    private int bin(double score) {
        double at = Math.floor(((onLogits ? logit(score) : score) - low) * scale);
        return at < 0 ? 0 : at >= BINS ? BINS - 1 : (int) at;
    }
}
