package org.mtl4j.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The learning rate of a DJL optimizer made by a fit: a {@link Tracker} whose value the training
 * loop sets before every step (the schedule's rate), so that the optimizer a model keeps across
 * fits follows each fit's schedule.
 *
 * <p>Example: {@code Optimizer sgd = AdjustableRate.optimizer(sgd(0.1));
 * AdjustableRate.of(sgd).set(0.05);}
 */
final class AdjustableRate implements Tracker {

    private static final Map<Optimizer, AdjustableRate> RATES = new WeakHashMap<>();

    private volatile float rate;

    private AdjustableRate(double rate) {
        this.rate = (float) rate;
    }

    /** A new optimizer for {@code spec} whose rate {@link #of} can change. */
    static Optimizer optimizer(OptimizerSpec spec) {
        AdjustableRate rate = new AdjustableRate(spec.learningRate());
        Optimizer optimizer = spec.create(rate);
        synchronized (RATES) {
            RATES.put(optimizer, rate);
        }
        return optimizer;
    }

    /** The rate of an optimizer made by {@link #optimizer}, or null for another one. */
    static AdjustableRate of(Optimizer optimizer) {
        synchronized (RATES) {
            return RATES.get(optimizer);
        }
    }

    /** Sets the rate of the next updates. */
    void set(double value) {
        rate = (float) value;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return rate;
    }
}
