package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The learning rate of every step of one fit: the optimizer's rate, or its schedule's. On the
 * host it is a number per step (recorded in the history, and set on a DJL optimizer's tracker);
 * for the fused Adam it is a scalar tensor per step, the scheduled rate over the base rate, read
 * from a table of the next {@value #WINDOW} steps uploaded at once (and again when a schedule
 * such as reduce-on-plateau changes its later rates), so no step copies a number to the device.
 */
final class LearningRates {

    private static final int WINDOW = 4096;

    private final LearningRateSchedule schedule;
    private final LearningRateSchedule.Rates rates;
    private final double base;
    private final NDManager manager;
    private final DataType dataType;
    private final int steps;
    private NDArray table;
    private int first;

    /**
     * @param schedule the fit's schedule, or null for the base rate throughout
     * @param manager the fit's manager (owns the tables)
     */
    LearningRates(LearningRateSchedule schedule, double base, int stepsPerEpoch, int epochs,
            NDManager manager, DataType dataType) {
        this.schedule = schedule;
        this.rates = schedule == null ? null : schedule.start(base, stepsPerEpoch, epochs);
        this.base = base;
        this.manager = manager;
        this.dataType = dataType;
        this.steps = stepsPerEpoch * epochs;
    }

    /** Whether the rate may change during the fit. */
    boolean scheduled() {
        return rates != null;
    }

    /**
     * The rate of step {@code step} of this fit (from 0).
     *
     * @throws IllegalStateException if a schedule gives a rate that is not a positive number
     */
    double rate(int step) {
        if (rates == null) {
            return base;
        }
        double rate = rates.rate(step);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("The learning-rate schedule " + schedule + " gave "
                    + rate + " for step " + (step + 1) + " of the fit. A schedule must give"
                    + " finite rates of at least 0; fix its rate(step).");
        }
        return rate;
    }

    /** Step {@code step}'s rate over the base rate, as a scalar owned by {@code owner}. */
    NDArray factor(int step, NDManager owner) {
        if (table == null || step < first || step >= first + WINDOW) {
            upload(step);
        }
        return table.get(owner, new NDIndex().addIndices(step - first));
    }

    /** Step {@code step}'s rate over the base rate as a float32 number (1 without a schedule). */
    float hostFactor(int step) {
        return rates == null ? 1f : (float) (rate(step) / base);
    }

    private void upload(int from) {
        if (table != null) {
            table.close();
        }
        float[] values = new float[WINDOW];
        for (int i = 0; i < WINDOW && from + i < steps; i++) {
            values[i] = (float) (rate(from + i) / base);
        }
        first = from;
        table = Tensors.floats(manager, values, new Shape(WINDOW), dataType);
    }

    /** After each epoch: lets the schedule react, re-uploading the table if rates changed. */
    void epochEnded(EpochRecord epoch) {
        if (rates != null && rates.epochEnded(epoch) && table != null) {
            table.close();
            table = null;
        }
    }
}
