package org.mtl4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one {@code fit()}: the model's history after it, where it trained, how long it
 * took, why it stopped ({@link #stopReason()}: completed, early stopping with the best epoch
 * restored, a listener's request, an interrupt, or divergence; the completed epochs are kept in
 * every case) and how many steps were skipped for non-finite values. With {@link
 * #withSingleTask} it also carries single-task baselines, and its report then shows each task's
 * metrics next to the single-task model's, with the difference.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = model.fit(table, epochs(20));
 * run.history().toTable();
 * run.withSingleTask(sentimentOnlyRun, domainOnlyRun).delta("sentiment", "accuracy");
 * }</pre>
 *
 * @param history the model's whole history after this fit
 * @param epochsRun epochs this fit completed
 * @param device where it trained
 * @param seconds wall time of the fit
 * @param interrupted whether the thread's interrupt stopped it before the last epoch
 * @param singleTask per task, the last epoch of a single-task model of it (empty unless given)
 * @param stopReason why the fit ended
 * @param skippedSteps steps whose update was skipped for a non-finite loss or gradient (with
 *     {@code skipNonFiniteSteps()}; 0 otherwise)
 */
public record TrainingRun(
        TrainingHistory history, int epochsRun, String device, double seconds,
        boolean interrupted, Map<String, TaskEpoch> singleTask, StopReason stopReason,
        int skippedSteps) {

    /** Copies the baselines. */
    public TrainingRun {
        singleTask = Map.copyOf(singleTask);
        if (stopReason == null) {
            throw new IllegalArgumentException("A training run needs a stop reason. Received:"
                    + " stopReason=null. Use e.g. StopReason.completed(epochs).");
        }
    }

    /** A run without baselines that completed, or was interrupted. */
    public TrainingRun(TrainingHistory history, int epochsRun, String device, double seconds,
            boolean interrupted) {
        this(history, epochsRun, device, seconds, interrupted, Map.of());
    }

    /** A run that completed, or was interrupted, with baselines. */
    public TrainingRun(TrainingHistory history, int epochsRun, String device, double seconds,
            boolean interrupted, Map<String, TaskEpoch> singleTask) {
        this(history, epochsRun, device, seconds, interrupted, singleTask,
                interrupted
                        ? new StopReason(StopReason.Kind.INTERRUPTED,
                                history.isEmpty() ? 0 : history.lastEpoch().epoch(), "", 0)
                        : StopReason.completed(
                                history.isEmpty() ? 0 : history.lastEpoch().epoch()),
                0);
    }

    /** A run that ended for {@code stopReason}. */
    public TrainingRun(TrainingHistory history, int epochsRun, String device, double seconds,
            StopReason stopReason, int skippedSteps) {
        this(history, epochsRun, device, seconds,
                stopReason.kind() == StopReason.Kind.INTERRUPTED, Map.of(), stopReason,
                skippedSteps);
    }

    /**
     * This run with the given runs as single-task baselines: for each of this run's tasks, the
     * last epoch of the first given run that trained that task.
     *
     * @throws IllegalArgumentException for a run that trained none of this run's tasks
     */
    public TrainingRun withSingleTask(TrainingRun... singleTaskRuns) {
        Map<String, TaskEpoch> baselines = new LinkedHashMap<>(singleTask);
        for (TrainingRun other : singleTaskRuns) {
            List<String> shared = other.history().tasks().stream()
                    .filter(history.tasks()::contains).toList();
            if (shared.isEmpty() || other.history().isEmpty()) {
                throw new IllegalArgumentException(
                        "withSingleTask() needs trained runs of this run's tasks "
                                + history.tasks() + ". Received a run of "
                                + other.history().tasks() + (other.history().isEmpty()
                                        ? " with no completed epoch" : "")
                                + ". Pass the runs of single-task models of these tasks.");
            }
            shared.forEach(task -> baselines.putIfAbsent(task,
                    other.history().lastEpoch().task(task)));
        }
        return new TrainingRun(history, epochsRun, device, seconds, interrupted, baselines,
                stopReason, skippedSteps);
    }

    /**
     * This run's last-epoch {@code metric} of {@code task} minus the single-task model's.
     *
     * @return the difference, or NaN when either is unknown
     */
    public double delta(String task, String metric) {
        TaskEpoch baseline = singleTask.get(task);
        if (baseline == null || history.isEmpty()) {
            return Double.NaN;
        }
        Double mine = history.lastEpoch().task(task).metrics().get(metric);
        Double theirs = baseline.metrics().get(metric);
        return mine == null || theirs == null ? Double.NaN : mine - theirs;
    }

    @Override
    public String toString() {
        return "TrainingRun[" + epochsRun + " epochs on " + device + " in "
                + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s, " + stopReason
                + (skippedSteps > 0 ? ", " + skippedSteps + " non-finite steps skipped" : "")
                + "]\n" + history;
    }
}
