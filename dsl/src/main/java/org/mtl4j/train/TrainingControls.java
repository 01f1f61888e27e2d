package org.mtl4j.train;

/**
 * The options of a fit that change its course or keep its results: what a non-finite loss or
 * gradient does, early stopping, the learning-rate schedule and checkpoints. Defaults: a
 * non-finite value stops the fit with a {@link TrainingDivergedException}, no early stopping, a
 * constant learning rate, no checkpoints.
 *
 * <p>Example: {@code FitSettings.of(earlyStopping(validationLoss()), cosineDecay()).controls()}
 *
 * @param skipNonFiniteSteps true to skip a step with a non-finite loss or gradient instead of
 *     stopping ({@code skipNonFiniteSteps()})
 * @param earlyStopping the early stopping, or null for none
 * @param schedule the learning-rate schedule, or null for a constant rate
 * @param checkpoints where and when to save the model during the fit, or null for never
 */
public record TrainingControls(
        boolean skipNonFiniteSteps, EarlyStopping earlyStopping, LearningRateSchedule schedule,
        Checkpoints checkpoints) {

    /** The defaults. */
    public static final TrainingControls DEFAULTS = new TrainingControls(false, null, null, null);

    /** These controls, skipping non-finite steps. */
    public TrainingControls skippingNonFiniteSteps() {
        return new TrainingControls(true, earlyStopping, schedule, checkpoints);
    }

    /** These controls with {@code stopping} (replacing any earlier one). */
    public TrainingControls with(EarlyStopping stopping) {
        return new TrainingControls(skipNonFiniteSteps, stopping, schedule, checkpoints);
    }

    /** These controls with {@code rates} (replacing any earlier schedule). */
    public TrainingControls with(LearningRateSchedule rates) {
        return new TrainingControls(skipNonFiniteSteps, earlyStopping, rates, checkpoints);
    }

    /** These controls with {@code saving} (replacing any earlier checkpoints). */
    public TrainingControls with(Checkpoints saving) {
        return new TrainingControls(skipNonFiniteSteps, earlyStopping, schedule, saving);
    }
}
