package org.mtl4j.train.control;

/**
 * The options of a fit that change its course: what a non-finite loss or gradient does, early
 * stopping and the learning-rate schedule. Defaults: a non-finite value stops the fit with a
 * {@link TrainingDivergedException}, no early stopping, a constant learning rate.
 *
 * <p>Example: {@code FitSettings.of(earlyStopping(validationLoss()), cosineDecay()).controls()}
 *
 * @param skipNonFiniteSteps true to skip a step with a non-finite loss or gradient instead of
 *     stopping ({@code skipNonFiniteSteps()})
 * @param earlyStopping the early stopping, or null for none
 * @param schedule the learning-rate schedule, or null for a constant rate
 */
public record TrainingControls(
        boolean skipNonFiniteSteps, EarlyStopping earlyStopping, LearningRateSchedule schedule) {

    /** The defaults. */
    public static final TrainingControls DEFAULTS = new TrainingControls(false, null, null);

    /** These controls, skipping non-finite steps. */
    public TrainingControls skippingNonFiniteSteps() {
        return new TrainingControls(true, earlyStopping, schedule);
    }

    /** These controls with {@code stopping} (replacing any earlier one). */
    public TrainingControls with(EarlyStopping stopping) {
        return new TrainingControls(skipNonFiniteSteps, stopping, schedule);
    }

    /** These controls with {@code rates} (replacing any earlier schedule). */
    public TrainingControls with(LearningRateSchedule rates) {
        return new TrainingControls(skipNonFiniteSteps, earlyStopping, rates);
    }
}
