package org.mtl4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything a model's training recorded, per step and per epoch, per task: an immutable snapshot
 * (a later {@code fit()} gives a new one that continues the numbering).
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingHistory history = run.history();
 * Table epochs = history.toTable();     // epoch, task, train_loss, validation_loss, weight,
 *                                       // metrics, learning_rate
 * Table steps = history.stepsTable();   // step, epoch, task, loss, weight, learning_rate
 * double last = history.lastEpoch().task("task1").trainLoss();
 * }</pre>
 *
 * @param tasks the task names, in order
 * @param steps every step
 * @param epochs every completed epoch
 * @param conflicts what the {@link ConflictMonitor} recorded: per epoch, one record per pair of
 *     tasks (empty for epochs fitted without it); see {@link #conflictTable()}
 * @param affinities what {@link TaskAffinity} measured: per epoch, one record per ordered pair of
 *     tasks (empty for epochs fitted without it); see {@link #affinityTable()}
 */
public record TrainingHistory(List<String> tasks, List<StepRecord> steps,
        List<EpochRecord> epochs, List<ConflictRecord> conflicts,
        List<AffinityRecord> affinities) {

    /** Copies the lists. */
    public TrainingHistory {
        tasks = List.copyOf(tasks);
        steps = List.copyOf(steps);
        epochs = List.copyOf(epochs);
        conflicts = List.copyOf(conflicts);
        affinities = List.copyOf(affinities);
    }

    /** A history without affinity records. */
    public TrainingHistory(List<String> tasks, List<StepRecord> steps, List<EpochRecord> epochs,
            List<ConflictRecord> conflicts) {
        this(tasks, steps, epochs, conflicts, List.of());
    }

    /** A history without conflict records. */
    public TrainingHistory(List<String> tasks, List<StepRecord> steps, List<EpochRecord> epochs) {
        this(tasks, steps, epochs, List.of());
    }

    /** An empty history for these tasks. */
    public static TrainingHistory empty(List<String> tasks) {
        return new TrainingHistory(tasks, List.of(), List.of());
    }

    /** This history followed by one more epoch and its steps. */
    public TrainingHistory plus(List<StepRecord> newSteps, EpochRecord epoch) {
        List<StepRecord> allSteps = new ArrayList<>(steps);
        allSteps.addAll(newSteps);
        List<EpochRecord> allEpochs = new ArrayList<>(epochs);
        allEpochs.add(epoch);
        return new TrainingHistory(tasks, allSteps, allEpochs, conflicts, affinities);
    }

    /** This history with {@code records} added to its conflict records. */
    public TrainingHistory withConflicts(List<ConflictRecord> records) {
        List<ConflictRecord> all = new ArrayList<>(conflicts);
        all.addAll(records);
        return new TrainingHistory(tasks, steps, epochs, all, affinities);
    }

    /** This history with {@code records} added to its affinity records. */
    public TrainingHistory withAffinities(List<AffinityRecord> records) {
        List<AffinityRecord> all = new ArrayList<>(affinities);
        all.addAll(records);
        return new TrainingHistory(tasks, steps, epochs, conflicts, all);
    }

    /**
     * What {@link TaskAffinity} measured, one row per epoch and ordered pair of tasks: {@code
     * epoch, from_task, to_task, affinity, samples} (no rows when no fit of this history measured
     * it). {@link AffinityMatrix#of(TrainingHistory)} averages it over training.
     */
    public Table affinityTable() {
        return AffinityTables.of(affinities);
    }

    /**
     * The {@link ConflictMonitor}'s figures, one row per epoch and pair of tasks: {@code epoch,
     * task_a, task_b, cosine, conflict_fraction, magnitude_ratio, samples} (no rows when no fit
     * of this history used the monitor).
     */
    public Table conflictTable() {
        return ConflictTables.of(conflicts);
    }

    /** Whether no epoch has completed. */
    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    /**
     * The last completed epoch.
     *
     * @throws IllegalStateException if no epoch has completed
     */
    public EpochRecord lastEpoch() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException(
                    "The history has no epoch yet. Train first with model.fit(table, ...).");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** Whether any epoch has a validation loss. */
    public boolean hasValidation() {
        return epochs.stream()
                .flatMap(e -> e.tasks().stream())
                .anyMatch(t -> !Double.isNaN(t.validationLoss()));
    }

    /** The names of all metrics recorded, sorted. */
    public List<String> metricNames() {
        TreeSet<String> names = new TreeSet<>();
        for (EpochRecord epoch : epochs) {
            for (TaskEpoch task : epoch.tasks()) {
                names.addAll(task.metrics().keySet());
            }
        }
        return List.copyOf(names);
    }

    /**
     * One row per epoch and task: {@code epoch, task, train_loss, validation_loss, weight}, one
     * column per metric (missing where the task has no such metric) and, when recorded (every
     * fit records it), {@code learning_rate}: the rate of the epoch's last step.
     */
    public Table toTable() {
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn task = StringColumn.create("task");
        DoubleColumn train = DoubleColumn.create("train_loss");
        DoubleColumn validation = DoubleColumn.create("validation_loss");
        DoubleColumn weight = DoubleColumn.create("weight");
        List<String> metricNames = metricNames();
        List<DoubleColumn> metrics = metricNames.stream().map(DoubleColumn::create).toList();
        for (EpochRecord record : epochs) {
            for (TaskEpoch figures : record.tasks()) {
                epoch.append(record.epoch());
                task.append(figures.task());
                train.append(figures.trainLoss());
                validation.append(figures.validationLoss());
                weight.append(figures.weight());
                for (int m = 0; m < metricNames.size(); m++) {
                    Double value = figures.metrics().get(metricNames.get(m));
                    metrics.get(m).append(value == null ? Double.NaN : value);
                }
            }
        }
        Table table = Table.create("training history", epoch, task, train, validation, weight);
        metrics.forEach(table::addColumns);
        if (epochs.stream().anyMatch(e -> !Double.isNaN(e.learningRate()))) {
            DoubleColumn rate = DoubleColumn.create("learning_rate");
            epochs.forEach(e -> e.tasks().forEach(t -> rate.append(e.learningRate())));
            table.addColumns(rate);
        }
        return table;
    }

    /**
     * One row per step and task: {@code step, epoch, task, loss, weight} and, when recorded,
     * {@code learning_rate}.
     */
    public Table stepsTable() {
        IntColumn step = IntColumn.create("step");
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn task = StringColumn.create("task");
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn weight = DoubleColumn.create("weight");
        for (StepRecord record : steps) {
            for (int t = 0; t < tasks.size(); t++) {
                step.append(record.step());
                epoch.append(record.epoch());
                task.append(tasks.get(t));
                loss.append(record.loss(t));
                weight.append(record.weight(t));
            }
        }
        Table table = Table.create("training steps", step, epoch, task, loss, weight);
        if (steps.stream().anyMatch(s -> !Double.isNaN(s.learningRate()))) {
            DoubleColumn rate = DoubleColumn.create("learning_rate");
            steps.forEach(s -> tasks.forEach(t -> rate.append(s.learningRate())));
            table.addColumns(rate);
        }
        return table;
    }

    @Override
    public String toString() {
        return toTable().print();
    }
}
