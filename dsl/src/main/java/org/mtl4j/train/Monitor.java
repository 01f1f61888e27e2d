package org.mtl4j.train;

import java.util.List;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.metrics.Metric;

/**
 * A number read from every epoch's record, for {@link EarlyStopping} and {@link ReduceOnPlateau}:
 * a task's validation or training loss, a task's validation metric, or the weighted total loss
 * (the sum over tasks of the epoch's mean task weight times the task's loss). Whether lower or
 * higher is better follows from the quantity: losses, {@code mae} and {@code rmse} are minimised,
 * {@code accuracy}, {@code macro_f1} and {@code auc} maximised.
 *
 * <p>Example: {@code validationLoss()}, {@code validationLoss("stars")}, {@code trainingLoss()},
 * {@code monitor("sentiment", accuracy())} (static factories of {@code Mtl4j}).
 *
 * @param task the task name, or null for the weighted total over all tasks (losses only)
 * @param quantity "loss" or a metric name such as "accuracy"
 * @param validation true to read the validation split's value, false the training one
 */
public record Monitor(String task, String quantity, boolean validation) {

    /** Checks the values. */
    public Monitor {
        if (quantity == null || quantity.isBlank()) {
            throw new IllegalArgumentException("A monitor needs a quantity. Received: quantity="
                    + quantity + ". Use validationLoss(), validationLoss(\"task\") or"
                    + " monitor(\"task\", accuracy()).");
        }
        if (task == null && !quantity.equals("loss")) {
            throw new IllegalArgumentException("A metric is monitored per task. Received:"
                    + " monitor(null, " + quantity + "). Name the task, e.g. monitor(\"sentiment\","
                    + " " + quantity + "()).");
        }
        if (task != null && task.isBlank()) {
            throw new IllegalArgumentException("A monitor needs a task name. Received: \"" + task
                    + "\". Use e.g. validationLoss(\"sentiment\").");
        }
    }

    /** The weighted total validation loss. */
    public static Monitor validationLoss() {
        return new Monitor(null, "loss", true);
    }

    /** Task {@code task}'s validation loss. */
    public static Monitor validationLoss(String task) {
        return new Monitor(requireTask(task, "validationLoss"), "loss", true);
    }

    /** The weighted total training loss (no validation split needed). */
    public static Monitor trainingLoss() {
        return new Monitor(null, "loss", false);
    }

    /** Task {@code task}'s training loss (no validation split needed). */
    public static Monitor trainingLoss(String task) {
        return new Monitor(requireTask(task, "trainingLoss"), "loss", false);
    }

    /** Task {@code task}'s {@code metric} on the validation split. */
    public static Monitor metric(String task, Metric metric) {
        if (metric == null) {
            throw new IllegalArgumentException("monitor() needs a metric. Received: monitor(\""
                    + task + "\", null). Use e.g. monitor(\"" + task + "\", accuracy()).");
        }
        return new Monitor(requireTask(task, "monitor"), metric.name(), true);
    }

    private static String requireTask(String task, String factory) {
        if (task == null) {
            throw new IllegalArgumentException(factory + "() needs a task name. Received: "
                    + factory + "(null). Use e.g. " + factory + "(\"sentiment\"), or " + factory
                    + "() for the weighted total.");
        }
        return task;
    }

    /** Whether higher values are better (accuracy, macro-F1, AUC). */
    public boolean higherIsBetter() {
        return org.mtl4j.spec.metrics.Metric.higherIsBetter(quantity);
    }

    /**
     * Checks that every epoch of a fit of {@code spec} will have this quantity.
     *
     * @param user the option that monitors, for messages, e.g. "earlyStopping"
     * @param validationRows rows in the fit's validation split
     * @throws IllegalArgumentException naming what is missing and the fix
     */
    public void requireAvailable(String user, ModelSpec spec, int validationRows) {
        if (task != null) {
            TaskSpec found = spec.tasks().stream().filter(t -> t.name().equals(task))
                    .findFirst().orElse(null);
            if (found == null) {
                throw new IllegalArgumentException(user + " monitors task '" + task + "', which"
                        + " the model does not have. Received tasks: " + spec.taskNames()
                        + ". Use one of them.");
            }
            List<String> metrics = found.metrics().stream().map(Metric::name).toList();
            if (!quantity.equals("loss") && !metrics.contains(quantity)) {
                throw new IllegalArgumentException(user + " monitors the " + quantity
                        + " of task '" + task + "', which is not among its metrics "
                        + metrics + ". Add .metric(" + quantity + "()) to task '" + task
                        + "', or monitor validationLoss(\"" + task + "\").");
            }
        }
        if (validation && validationRows == 0) {
            throw new IllegalArgumentException(user + " monitors " + this + ", but this fit has"
                    + " no validation split. Add validationSplit(0.2) to fit(), or monitor the"
                    + " training loss with " + (task == null ? "trainingLoss()"
                            : "trainingLoss(\"" + task + "\")") + ".");
        }
    }

    /** This quantity in {@code epoch} (NaN if not recorded). */
    public double valueIn(EpochRecord epoch) {
        if (task == null) {
            double total = 0;
            for (TaskEpoch figures : epoch.tasks()) {
                total += figures.weight() * loss(figures);
            }
            return total;
        }
        TaskEpoch figures = epoch.task(task);
        if (quantity.equals("loss")) {
            return loss(figures);
        }
        Double value = figures.metrics().get(quantity);
        return value == null ? Double.NaN : value;
    }

    private double loss(TaskEpoch figures) {
        return validation ? figures.validationLoss() : figures.trainLoss();
    }

    /** E.g. "the validation accuracy of task 'sentiment'" or "the weighted total training loss". */
    @Override
    public String toString() {
        String split = validation ? "validation" : "training";
        return task == null
                ? "the weighted total " + split + " loss"
                : "the " + split + " " + quantity + " of task '" + task + "'";
    }
}
