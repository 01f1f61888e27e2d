package org.mtl4j.train;

import java.util.Arrays;

/**
 * The AUC of scores that arrive a few at a time, in bounded memory: exact while at most {@code
 * exactRows} scores have come (they are kept, 8 bytes each, and the pairs ranked right counted
 * at the end, ties half: the Mann–Whitney statistic {@link org.mtl4j.spec.metrics.Auc} computes
 * from ranks, to the bit); beyond that the scores go into {@value #BINS} bins (two int counts a
 * bin) and the AUC is estimated with each bin's positive–negative pairs counted half, which is
 * off by at most {@link #maxError()} (the share of pairs that share a bin, halved: pairs in
 * different bins are ranked as their scores are, since a higher score never gets a lower bin).
 *
 * <p>Bins: when the kept scores move into bins, two binnings are tried on them and the one where
 * fewer of their positive–negative pairs share a bin is kept for the epoch: equal bins of [0, 1],
 * or equal bins of the logit ln(p/(1−p)) over the kept scores' logit range widened by a quarter
 * on each side (later scores beyond it go into the first or last bin). A confident model, whose
 * scores crowd near 0 and 1, gets the logit's bins and a far tighter bound.
 *
 * <p>Memory, whatever the number of rows: the kept scores (one array, positives from its front
 * and negatives from its back, doubled as needed up to {@code exactRows} scores: 128 KiB by
 * default), then the bins (128 KiB); 256 KiB at most for a moment, while the scores move into the
 * bins (or while the array doubles from 64 KiB to 128 KiB, 192 KiB).
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
    /** The kept scores: positives at 0 .. positiveCount−1, negatives at the array's end. */
    private double[] scores = new double[16];
    private int positiveCount;
    private int negativeCount;
    private int[] positiveBins;
    private int[] negativeBins;
    /** The most bytes of arrays held at once. */
    private long peakBytes;
    /** How scores are binned: bin = ⌊(x − low)·scale⌋ of x = the score, or its logit. */
    private boolean onLogits;
    private double low;
    private double scale = BINS;

    RunningAuc() {
        this(EXACT_ROWS);
    }

    /** With {@code exactRows} scores kept exactly (a test's small number). */
    RunningAuc(int exactRows) {
        this.exactRows = exactRows;
    }

    /** Adds a finite score in [0, 1] of a positive or a negative row. */
    void add(double score, boolean positive) {
        if (positiveBins == null && positiveCount + negativeCount == exactRows) {
            toBins();
        }
        if (positiveBins != null) {
            (positive ? positiveBins : negativeBins)[bin(score)]++;
            return;
        }
        if (positiveCount + negativeCount == scores.length) {
            grow();
        }
        if (positive) {
            scores[positiveCount++] = score;
        } else {
            scores[scores.length - ++negativeCount] = score;
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
        if (positiveCount == 0 || negativeCount == 0) {
            return Double.NaN;
        }
        Arrays.sort(scores, 0, positiveCount);   // in place: the kept order does not matter
        Arrays.sort(scores, scores.length - negativeCount, scores.length);
        int negFrom = scores.length - negativeCount;
        long below = 0;
        long tied = 0;
        int lower = negFrom;
        int upper = negFrom;
        for (int p = 0; p < positiveCount; p++) {
            double score = scores[p];
            while (lower < scores.length && scores[lower] < score) {
                lower++;
            }
            upper = Math.max(upper, lower);
            while (upper < scores.length && scores[upper] == score) {
                upper++;
            }
            below += lower - negFrom;
            tied += upper - lower;
        }
        return (below + tied / 2.0) / ((double) positiveCount * negativeCount);
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

    /**
     * Moves the kept scores into the bins and frees them: the bins of [0, 1], or those of the
     * kept scores' logit range when the kept scores share fewer bins there.
     */
    private void toBins() {
        positiveBins = new int[BINS];
        negativeBins = new int[BINS];
        peakBytes = Math.max(peakBytes, heldBytes());
        fillBins();
        double sharedOnProbabilities = sharedPairs();
        if (useLogitRange()) {
            fillBins();
            if (sharedPairs() >= sharedOnProbabilities) {   // no better: back to [0, 1]
                onLogits = false;
                low = 0;
                scale = BINS;
                fillBins();
            }
        }
        scores = null;
    }

    /** Counts the kept scores into freshly cleared bins. */
    private void fillBins() {
        Arrays.fill(positiveBins, 0);
        Arrays.fill(negativeBins, 0);
        for (int i = 0; i < positiveCount; i++) {
            positiveBins[bin(scores[i])]++;
        }
        for (int i = scores.length - negativeCount; i < scores.length; i++) {
            negativeBins[bin(scores[i])]++;
        }
    }

    /** The positive–negative pairs that share a bin. */
    private double sharedPairs() {
        double shared = 0;
        for (int b = 0; b < BINS; b++) {
            shared += (double) positiveBins[b] * negativeBins[b];
        }
        return shared;
    }

    /**
     * Bins the logit over the kept scores' finite logits' range, widened by a quarter of it on
     * each side (for later scores that spread further); false, bins unchanged, when the kept
     * scores have fewer than two distinct finite logits.
     */
    private boolean useLogitRange() {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (i >= positiveCount && i < scores.length - negativeCount) {
                continue;   // the unused middle of the array
            }
            double logit = logit(scores[i]);
            if (Double.isFinite(logit)) {
                lowest = Math.min(lowest, logit);
                highest = Math.max(highest, logit);
            }
        }
        if (!(highest > lowest)) {
            return false;
        }
        double span = highest - lowest;
        onLogits = true;
        low = lowest - span / 4;
        scale = BINS / (span * 1.5);
        return true;
    }

    private static double logit(double probability) {
        return Math.log(probability) - Math.log1p(-probability);
    }

    /** Doubles the kept scores' array, up to {@code exactRows} scores. */
    private void grow() {
        double[] grown = new double[(int) Math.min(exactRows, 2L * scores.length)];
        peakBytes = Math.max(peakBytes, heldBytes() + 8L * grown.length);
        System.arraycopy(scores, 0, grown, 0, positiveCount);
        System.arraycopy(scores, scores.length - negativeCount, grown,
                grown.length - negativeCount, negativeCount);
        scores = grown;
    }

    /** The bytes of the arrays held now (the kept scores, the bins). */
    long heldBytes() {
        return (scores == null ? 0 : 8L * scores.length)
                + (positiveBins == null ? 0 : 8L * BINS);
    }

    /** The most bytes of arrays held at once so far. */
    long peakBytes() {
        return Math.max(peakBytes, heldBytes());
    }

    /**
     * The bin of a score in [0, 1]: of its value on [0, 1], or of its logit on the chosen range;
     * either way a score's bin never decreases as the score grows (what the error bound needs),
     * and scores beyond the range go into the first or last bin.
     */
    private int bin(double score) {
        double at = Math.floor(((onLogits ? logit(score) : score) - low) * scale);
        return at < 0 ? 0 : at >= BINS ? BINS - 1 : (int) at;
    }
}
