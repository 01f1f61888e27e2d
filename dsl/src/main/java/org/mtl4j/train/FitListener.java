package org.mtl4j.train;

/**
 * Follows a fit as it runs (console progress, live charts, early stopping...). All methods run
 * on the training thread between steps; keep them quick.
 *
 * <p>Example:
 *
 * <pre>{@code
 * model.fit(table, listener(new FitListener() {
 *     public void epochEnded(EpochRecord epoch, TrainingHistory history) {
 *         System.out.println(epoch.task("task1").trainLoss());
 *     }
 * }));
 * }</pre>
 */
public interface FitListener {

    /**
     * When the fit must wait for another fit in this JVM to end before it starts (see {@link
     * FitLock}); {@link #fitStarted} follows once it may train.
     *
     * @param runningFit the fit it waits for, e.g. "the fit of the model with tasks [a] on
     *     thread 'worker' (epoch 3 of 10)"
     */
    default void fitWaiting(String runningFit) {}

    /** Before the first step. */
    default void fitStarted(FitInfo info) {}

    /** After every training step (keep it cheap: it runs thousands of times per second). */
    default void stepEnded(StepProgress progress) {}

    /** After each completed epoch, with the history so far (which includes it). */
    default void epochEnded(EpochRecord epoch, TrainingHistory history) {}

    /**
     * After the last epoch, or after the fit stopped early (see {@link TrainingRun#stopReason()};
     * also before a {@code TrainingDivergedException} is thrown).
     */
    default void fitEnded(TrainingRun run) {}
}
