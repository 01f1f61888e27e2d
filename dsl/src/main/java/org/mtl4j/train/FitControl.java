package org.mtl4j.train;

/**
 * A handle on a running fit, given to listeners in {@link FitInfo#control()}: a listener (or any
 * thread) can ask the fit to stop cleanly, without interrupting the training thread.
 *
 * <p>The fit checks the request before every step. Asked in {@link
 * FitListener#epochEnded}, it stops after that epoch; asked during an epoch, it stops before
 * the next step and, as with an interrupt, keeps the completed epochs only (the parameters are
 * those of the last step). The run's {@link TrainingRun#stopReason()} then carries the reason.
 *
 * <p>Example:
 *
 * <pre>{@code
 * model.fit(table, listener(new FitListener() {
 *     FitControl control;
 *     public void fitStarted(FitInfo info) { control = info.control(); }
 *     public void epochEnded(EpochRecord epoch, TrainingHistory history) {
 *         if (epoch.task("a").trainLoss() < 0.01) control.stopTraining("loss below 0.01");
 *     }
 * }));
 * }</pre>
 */
public interface FitControl {

    /**
     * Asks the fit to stop before its next step.
     *
     * @param reason shown in the run's stop reason, e.g. "loss below 0.01"
     */
    void stopTraining(String reason);

    /** Whether a stop was requested. */
    boolean stopRequested();
}
