package org.mtl4j.train;

import java.util.function.Supplier;

/**
 * Where a running fit is, after one step, for {@link FitListener#stepEnded}. The step's
 * losses stay on the device unless {@link #losses()} is called (one small copy), so a listener that
 * shows them a few times a second costs nothing per step.
 *
 * <p>Example: {@code progress.fitStep() * 100 / progress.fitSteps()} is the percentage done.
 */
public final class StepProgress {

    private final int epoch;
    private final int step;
    private final int stepsPerEpoch;
    private final int fitStep;
    private final int fitSteps;
    private final double seconds;
    private final Supplier<double[]> losses;

    StepProgress(int epoch, int step, int stepsPerEpoch, int fitStep, int fitSteps,
            double seconds, Supplier<double[]> losses) {
        this.epoch = epoch;
        this.step = step;
        this.stepsPerEpoch = stepsPerEpoch;
        this.fitStep = fitStep;
        this.fitSteps = fitSteps;
        this.seconds = seconds;
        this.losses = losses;
    }

    /** The epoch (numbered across fits). */
    public int epoch() {
        return epoch;
    }

    /** The step within the epoch, from 1. */
    public int step() {
        return step;
    }

    /** Steps per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Steps done in this fit, from 1. */
    public int fitStep() {
        return fitStep;
    }

    /** Steps this fit will run. */
    public int fitSteps() {
        return fitSteps;
    }

    /** Seconds since the fit started. */
    public double seconds() {
        return seconds;
    }

    /** Steps per second so far. */
    public double stepsPerSecond() {
        return seconds > 0 ? fitStep / seconds : 0;
    }

    /** Estimated seconds left, at the rate so far. */
    public double secondsLeft() {
        double rate = stepsPerSecond();
        return rate > 0 ? (fitSteps - fitStep) / rate : Double.NaN;
    }

    /** This step's loss per task (NaN for a task without labels in the batch); copies from the device. */
    public double[] losses() {
        return losses.get();
    }
}
