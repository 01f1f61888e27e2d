package org.mtl4j.train;

/**
 * The best value of a {@link Monitor} so far, and whether a new value improves on it by more than
 * a minimum change (lower or higher, as the monitor says). A NaN value never improves.
 *
 * <p>Example: {@code new Improvement(validationLoss(), 0).offer(0.5, 1)} is true the first time.
 */
public final class Improvement {

    private final boolean higher;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch;

    /** Watches {@code monitor}'s values, counting changes larger than {@code minDelta}. */
    public Improvement(Monitor monitor, double minDelta) {
        this.higher = monitor.higherIsBetter();
        this.minDelta = minDelta;
    }

    /**
     * Offers epoch {@code epoch}'s value.
     *
     * @return true if it is the new best
     */
    public boolean offer(double value, int epoch) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean better = Double.isNaN(best)
                || (higher ? value > best + minDelta : value < best - minDelta);
        if (better) {
            best = value;
            bestEpoch = epoch;
        }
        return better;
    }

    /** The best value so far (NaN before any). */
    public double best() {
        return best;
    }

    /** The epoch of the best value (0 before any). */
    public int bestEpoch() {
        return bestEpoch;
    }
}
