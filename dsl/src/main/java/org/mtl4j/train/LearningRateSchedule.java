package org.mtl4j.train;

import org.mtl4j.spec.ModelSpec;

/**
 * How the optimizer's learning rate moves during a fit: {@link StepDecay}, {@link CosineDecay}
 * (with optional warm-up) or {@link ReduceOnPlateau}, or a schedule of your own. The base rate is
 * the optimizer's ({@code adam(1e-3)} → 1e-3); the rate of every step is recorded in the history
 * ({@code history.stepsTable()} column {@code learning_rate}) and charted by {@code
 * Charts.learningRate(history)}. It drives the fused Adam/AdamW and DJL's optimizers alike.
 * Steps and epochs count from the start of each fit. Default: none (a constant rate). With
 * {@code sgd(lr).momentum(m)} DJL's momentum form (v = m·v − lr·g; w += v) applies a new rate to
 * new gradients only: the velocity already built up keeps its size. Strategies with learned
 * weights ({@code uncertainty()}, {@code gradNorm()}) keep their own constant rate.
 *
 * <p>Example, a schedule of your own (halve the rate after 5 epochs):
 *
 * <pre>{@code
 * LearningRateSchedule halve = (base, stepsPerEpoch, epochs) ->
 *     step -> step < 5 * stepsPerEpoch ? base : base / 2;
 * model.fit(table, sgd(0.1), halve);
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule extends FitOption {

    /**
     * Starts the schedule for one fit.
     *
     * @param baseRate the optimizer's learning rate
     * @param stepsPerEpoch steps per epoch of this fit
     * @param epochs epochs of this fit
     */
    Rates start(double baseRate, int stepsPerEpoch, int epochs);

    /** Checks, before training, that the schedule can run on this fit (e.g. its monitor). */
    default void check(ModelSpec spec, int validationRows) {}

    @Override
    default void applyTo(FitSettings.Builder settings) {
        settings.controls(controls -> controls.with(this));
    }

    /** The rates of one fit. */
    @FunctionalInterface
    interface Rates {

        /**
         * The learning rate of step {@code step} (0-based, counted from the fit's start); it must
         * depend only on the step until {@link #epochEnded} says otherwise (the fused Adam
         * uploads rates for thousands of steps at once).
         */
        double rate(int step);

        /**
         * After each completed epoch.
         *
         * @return true if the rates of later steps changed
         */
        default boolean epochEnded(EpochRecord epoch) {
            return false;
        }
    }
}
