package org.mtl4j.train;


/**
 * A fit stopped because a step's loss, gradient or task weights were not finite (NaN or
 * infinite). The message names the task (or the gradient), the epoch and step, and the last
 * finite loss; the model keeps the parameters of the last step whose values were finite (the bad
 * step's update is never applied) and the epochs completed before it; {@link #run()} is the
 * stopped run (its {@code stopReason()} says {@code DIVERGED}).
 *
 * <p>Example:
 *
 * <pre>{@code
 * try {
 *     model.fit(table, sgd(1e3));
 * } catch (TrainingDivergedException e) {
 *     System.out.println(e.getMessage() + " (" + e.run().epochsRun() + " epochs kept)");
 * }
 * }</pre>
 */
public final class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final transient TrainingRun run;

    /**
     * @param message what diverged, where, and what to do
     * @param run the stopped run
     */
    public TrainingDivergedException(String message, TrainingRun run) {
        super(message);
        this.run = run;
    }

    /** The stopped run, with the history of the completed epochs. */
    public TrainingRun run() {
        return run;
    }
}
