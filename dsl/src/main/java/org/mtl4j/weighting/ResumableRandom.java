package org.mtl4j.weighting;

import java.util.Random;

/**
 * A {@link Random} whose position can be read and restored, so that a saved model's strategy
 * draws on where it stopped. It runs {@code java.util.Random}'s documented generator (the 48-bit
 * linear congruential one and the polar method for Gaussians), so it draws exactly the numbers a
 * {@code new Random(seed)} would.
 *
 * <p>Example: {@code double[] at = random.position(); ...; random.moveTo(at);}
 */
final class ResumableRandom extends Random {

    private static final long serialVersionUID = 1L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long MASK = (1L << 48) - 1;

    private long state;
    private double nextGaussian;
    private boolean haveNextGaussian;

    ResumableRandom(long seed) {
        super(seed);
        setSeed(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
        haveNextGaussian = false;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + 0xBL) & MASK;
        return (int) (state >>> (48 - bits));
    }

    @Override
    public synchronized double nextGaussian() {
        if (haveNextGaussian) {
            haveNextGaussian = false;
            return nextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextGaussian = v2 * multiplier;
        haveNextGaussian = true;
        return v1 * multiplier;
    }

    /** The position: the 48-bit state, whether a Gaussian is waiting, and that Gaussian. */
    synchronized double[] position() {
        return new double[] {state, haveNextGaussian ? 1 : 0, nextGaussian};
    }

    /** Moves to a position {@link #position()} gave. */
    synchronized void moveTo(double[] position) {
        state = (long) position[0] & MASK;
        haveNextGaussian = position[1] != 0;
        nextGaussian = position[2];
    }

    /**
     * How replicas combine the position: the first replica's (an average of positions, or of a
     * pending Gaussian, is no position the generator would reach).
     */
    static final java.util.Map<String, StateMerge> MERGING =
            java.util.Map.of("random", StateMerge.first());

    /** The position as a weighting strategy's saved state (one vector, "random"). */
    java.util.Map<String, double[]> state() {
        return java.util.Map.of("random", position());
    }

    /** Moves to the position in a state {@link #state()} gave. */
    void restore(java.util.Map<String, double[]> state) {
        moveTo(Weighers.vector(state, "random", 3));
    }
}
