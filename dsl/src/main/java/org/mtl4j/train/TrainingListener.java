package org.mtl4j.train;

/**
 * Follows a fit as it runs (console progress, live charts, early stopping...). All methods run
 * on the training thread between steps; keep them quick.
 *
 * <p>Example:
 *
 * <pre>{@code
 * model.fit(table, listener(new TrainingListener() {
 *     public void epochEnded(EpochRecord epoch, TrainingHistory history) {
 *         System.out.println(epoch.task("task1").trainLoss());
 *     }
 * }));
 * }</pre>
 */
public interface TrainingListener {

    /** Before the first step. */
    default void fitStarted(FitInfo info) {}

    /** After every training step (keep it cheap: it runs thousands of times per second). */
    default void stepEnded(StepProgress progress) {}

    /** After each completed epoch, with the history so far (which includes it). */
    default void epochEnded(EpochRecord epoch, TrainingHistory history) {}

    /** After the last epoch, or after an interrupt stopped the fit. */
    default void fitEnded(TrainingRun run) {}
}
