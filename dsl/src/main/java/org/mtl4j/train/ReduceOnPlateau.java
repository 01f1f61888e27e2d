package org.mtl4j.train;

import org.mtl4j.spec.ModelSpec;

/**
 * Multiplies the learning rate by {@code factor} when a monitored quantity has not improved for
 * {@code patience} epochs (Keras' {@code ReduceLROnPlateau}), never below {@code minRate}; the
 * count starts again after each reduction. An improvement beats the best value so far by more
 * than {@code minDelta}.
 *
 * <p>Defaults (Keras'): factor 0.1, patience 10, minimum change 1e-4, minimum rate 0.
 *
 * <p>Example: {@code model.fit(table, validationSplit(0.2),
 * reduceOnPlateau(validationLoss()).factor(0.5).patience(2))}
 *
 * @param monitor what to watch
 * @param factor multiplier in (0, 1)
 * @param patience epochs without improvement before a reduction, at least 1
 * @param minDelta smallest change that counts as an improvement, at least 0
 * @param minRate the lowest rate, at least 0
 */
public record ReduceOnPlateau(
        Monitor monitor, double factor, int patience, double minDelta, double minRate)
        implements LearningRateSchedule {

    /** Checks the values. */
    public ReduceOnPlateau {
        if (monitor == null) {
            throw new IllegalArgumentException("reduceOnPlateau() needs a monitor. Received:"
                    + " reduceOnPlateau(null). Use e.g. reduceOnPlateau(validationLoss()).");
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("reduceOnPlateau's factor must be in (0, 1)."
                    + " Received: factor(" + factor + "). Use e.g. factor(0.5).");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1. Received:"
                    + " patience(" + patience + "). Use e.g. patience(2).");
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number of at least 0."
                    + " Received: minDelta(" + minDelta + "). Use e.g. minDelta(1e-4).");
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("minRate must be a finite number of at least 0."
                    + " Received: minRate(" + minRate + "). Use e.g. minRate(1e-6).");
        }
    }

    /** Reduce-on-plateau on {@code monitor} with the defaults. */
    public static ReduceOnPlateau on(Monitor monitor) {
        return new ReduceOnPlateau(monitor, 0.1, 10, 1e-4, 0);
    }

    /** Multiplies the rate by {@code multiplier} at each reduction. */
    public ReduceOnPlateau factor(double multiplier) {
        return new ReduceOnPlateau(monitor, multiplier, patience, minDelta, minRate);
    }

    /** Reduces after {@code epochs} epochs without improvement. */
    public ReduceOnPlateau patience(int epochs) {
        return new ReduceOnPlateau(monitor, factor, epochs, minDelta, minRate);
    }

    /** Counts only changes larger than {@code delta} as improvements. */
    public ReduceOnPlateau minDelta(double delta) {
        return new ReduceOnPlateau(monitor, factor, patience, delta, minRate);
    }

    /** Never goes below {@code rate}. */
    public ReduceOnPlateau minRate(double rate) {
        return new ReduceOnPlateau(monitor, factor, patience, minDelta, rate);
    }

    @Override
    public void check(ModelSpec spec, int validationRows) {
        monitor.requireAvailable("reduceOnPlateau", spec, validationRows);
    }

    @Override
    public Rates start(double baseRate, int stepsPerEpoch, int epochs) {
        return new Rates() {
            private final Improvement watch = new Improvement(monitor, minDelta);
            private double rate = baseRate;
            private int waited;

            @Override
            public double rate(int step) {
                return rate;
            }

            @Override
            public boolean epochEnded(EpochRecord epoch) {
                if (watch.offer(monitor.valueIn(epoch), epoch.epoch())) {
                    waited = 0;
                    return false;
                }
                if (++waited < patience || rate <= minRate) {
                    return false;
                }
                waited = 0;
                rate = Math.max(minRate, rate * factor);
                return true;
            }
        };
    }

    @Override
    public String toString() {
        return "reduceOnPlateau(" + monitor + ", factor " + factor + ", patience " + patience
                + ")";
    }
}
