package org.mtl4j.train;

/**
 * The result of one {@code fit()}: the model's history after it, where it trained, how long it
 * took and whether an interrupt stopped it early (the completed epochs are kept).
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = model.fit(table, epochs(20));
 * run.history().toTable();
 * Charts.loss(run.history());
 * }</pre>
 *
 * @param history the model's whole history after this fit
 * @param epochsRun epochs this fit completed
 * @param device where it trained
 * @param seconds wall time of the fit
 * @param interrupted whether the thread's interrupt stopped it before the last epoch
 */
public record TrainingRun(
        TrainingHistory history, int epochsRun, String device, double seconds,
        boolean interrupted) {

    @Override
    public String toString() {
        return "TrainingRun[" + epochsRun + " epochs on " + device + " in "
                + String.format("%.1f", seconds) + " s" + (interrupted ? ", interrupted" : "")
                + "]\n" + history;
    }
}
