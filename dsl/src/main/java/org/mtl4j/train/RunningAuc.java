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
 * <p>Bins: when the kept scores move into bins, they go into two binnings, and so does every
 * later score: equal bins of [0, 1], and equal bins of the logit ln(p/(1−p)) over the kept
 * scores' logit range widened by a quarter on each side (later scores beyond it go into the first
 * or last bin). The value and its bound come from the binning where fewer positive–negative pairs
 * share a bin at the end: a confident model, whose scores crowd near 0 and 1, gets the logit's
 * bins and a far tighter bound; a model whose scores spread beyond the early range as it learns
 * keeps [0, 1]'s. Both bounds are true; the smaller one is given.
 *
 * <p>Memory, whatever the number of rows: the kept scores (one array, positives from its front
 * and negatives from its back, doubled as needed up to {@code exactRows} scores: 128 KiB by
 * default), then the two binnings (128 KiB each); 384 KiB at most for a moment, while the scores
 * move into the bins.
 *
 * <p>Example: {@code auc.add(0.8, true); auc.add(0.3, false); auc.value()} is 1.0.
 *
 * <p>Defaults: {@link #EXACT_ROWS} = 16,384 scores kept exactly, then {@link #BINS} = 16,384
 * bins.
 */
final class RunningAuc {

    /** Scores kept exactly before the bins take over. */
    static final int EXACT_ROWS = 1 << 14;

    /** Bins of each binning once the scores are too many to keep. */
    static final int BINS = ScoreBins.BINS;

    private final int exactRows;
    /** The kept scores: positives at 0 .. positiveCount−1, negatives at the array's end. */
    private double[] scores = new double[16];
    private int positiveCount;
    private int negativeCount;
    /** Equal bins of [0, 1]; null while exact. */
    private ScoreBins onProbabilities;
    /** Equal bins of the logit over the kept scores' range; null without such a range. */
    private ScoreBins onLogits;
    /** The most bytes of arrays held at once. */
    private long peakBytes;

    RunningAuc() {
        this(EXACT_ROWS);
    }

    /** With {@code exactRows} scores kept exactly (a test's small number). */
    RunningAuc(int exactRows) {
        this.exactRows = exactRows;
    }

    /** Adds a finite score in [0, 1] of a positive or a negative row. */
    void add(double score, boolean positive) {
        if (onProbabilities == null && positiveCount + negativeCount == exactRows) {
            toBins();
        }
        if (onProbabilities != null) {
            onProbabilities.add(score, positive);
            if (onLogits != null) {
                onLogits.add(score, positive);
            }
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
        return onProbabilities == null;
    }

    /**
     * The share of positive–negative pairs ranked right, ties half; NaN without both classes.
     */
    double value() {
        return exact() ? exactValue() : tighter().value();
    }

    /**
     * How far {@link #value()} can be from the exact AUC: 0 while exact, else half the share of
     * positive–negative pairs that share a bin (of the binning that gives the value).
     */
    double maxError() {
        return exact() ? 0 : tighter().maxError();
    }

    /** The binning where fewer positive–negative pairs share a bin. */
    private ScoreBins tighter() {
        return onLogits != null && onLogits.sharedPairs() < onProbabilities.sharedPairs()
                ? onLogits : onProbabilities;
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

    /** Moves the kept scores into the two binnings and frees them. */
    private void toBins() {
        onProbabilities = new ScoreBins(false, 0, ScoreBins.BINS);
        onLogits = logitRange();
        peakBytes = Math.max(peakBytes, heldBytes());
        for (int i = 0; i < scores.length; i++) {
            if (i >= positiveCount && i < scores.length - negativeCount) {
                continue;   // the unused middle of the array
            }
            onProbabilities.add(scores[i], i < positiveCount);
            if (onLogits != null) {
                onLogits.add(scores[i], i < positiveCount);
            }
        }
        scores = null;
    }

    /**
     * Bins of the logit over the kept scores' finite logits' range, widened by a quarter of it
     * on each side (for later scores that spread further); null when the kept scores have fewer
     * than two distinct finite logits.
     */
    private ScoreBins logitRange() {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (i >= positiveCount && i < scores.length - negativeCount) {
                continue;
            }
            double logit = ScoreBins.logit(scores[i]);
            if (Double.isFinite(logit)) {
                lowest = Math.min(lowest, logit);
                highest = Math.max(highest, logit);
            }
        }
        if (!(highest > lowest)) {
            return null;
        }
        double span = highest - lowest;
        return new ScoreBins(true, lowest - span / 4, ScoreBins.BINS / (span * 1.5));
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
                + (onProbabilities == null ? 0 : ScoreBins.BYTES)
                + (onLogits == null ? 0 : ScoreBins.BYTES);
    }

    /** The most bytes of arrays held at once so far. */
    long peakBytes() {
        return Math.max(peakBytes, heldBytes());
    }
}
