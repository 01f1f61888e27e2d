package org.mtl4j;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.Freeze;
import org.mtl4j.train.Rehearsal;
import org.mtl4j.weighting.EqualWeighting;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What adding a task did, on a test table: for every old task, each metric and the loss before
 * the addition (the trained model) and after it (the model made by {@code withTask} and
 * fitted): the forgetting; for every new task, its metrics and loss against the same
 * architecture trained on the new task alone, from scratch, on the same rows with the same fit
 * options (epochs, seed, ...; without {@code freeze} and {@code rehearsal}): the transfer.
 *
 * <p>Columns of {@link #table()}: {@code task}, {@code kind} ("old" or "new"), {@code measure}
 * (the metric's name, or "loss"), {@code baseline} (old task: before; new task: from scratch),
 * {@code withTask} (the extended model), {@code change} (withTask − baseline) and {@code better}
 * ("yes" when the change is an improvement: a lower loss, MAE or RMSE, a higher accuracy or
 * macro-F1; "no" otherwise; "same" for no change). A notebook shows the table; {@link
 * #toString()} is the same as text.
 *
 * <p>Example:
 *
 * <pre>{@code
 * MultiTaskModel extended = model.withTask("body_mass_g").head(dense(1)).loss(mse())
 *     .metric(mae()).build();
 * extended.fit(newRows, epochs(30), seed(7), rehearsal(oldRows, 0.25));
 * TaskAddition report = TaskAddition.measure(model, extended, newRows, test, epochs(30), seed(7));
 * report.change("species", "accuracy");   // forgetting: after − before
 * }</pre>
 *
 * <p>The loss of a regression task is in standard deviations of its target (as it trains);
 * MAE and RMSE are in the label's units. The from-scratch model is trained with {@code equal()}
 * weighting when there are several new tasks, and closed after it is measured.
 */
public final class TaskAddition {

    private final Table table;

    private TaskAddition(Table table) {
        this.table = table;
    }

    /**
     * Measures the addition.
     *
     * @param before the trained model tasks were added to (unchanged by {@code withTask})
     * @param after the model {@code before.withTask(...)...build()} made, already fitted
     * @param newRows the rows {@code after} was fitted on (the from-scratch model trains on them)
     * @param test labelled rows for every task of {@code after}
     * @param options the options {@code after} was fitted with (freeze and rehearsal are left out
     *     for the from-scratch model)
     * @throws IllegalArgumentException when {@code after} does not extend {@code before}
     * @throws IllegalStateException when either model is not trained
     */
    public static TaskAddition measure(MultiTaskModel before, MultiTaskModel after,
            Table newRows, Table test, FitOption... options) {
        if (before == null || after == null || newRows == null || test == null) {
            throw new IllegalArgumentException("TaskAddition.measure() needs both models and"
                    + " both tables. Received: before=" + (before == null ? "null" : "a model")
                    + ", after=" + (after == null ? "null" : "a model") + ", newRows="
                    + (newRows == null ? "null" : newRows.name()) + ", test="
                    + (test == null ? "null" : test.name()) + ". Pass model, extended, newRows,"
                    + " test.");
        }
        List<String> old = before.spec().taskNames();
        List<String> all = after.spec().taskNames();
        if (all.size() <= old.size() || !all.subList(0, old.size()).equals(old)) {
            throw new IllegalArgumentException("TaskAddition.measure() needs a model that adds"
                    + " tasks to the first one. Received: tasks " + old + " then " + all
                    + ". Pass the model and the one its withTask(...).build() made.");
        }
        Table beforeEval = before.evaluate(test);
        Table afterEval = after.evaluate(test);
        Table scratchEval;
        try (MultiTaskModel scratch = fromScratch(after.spec(), old.size())) {
            scratch.fit(newRows, withoutTransferOptions(options));
            scratchEval = scratch.evaluate(test);
        }
        StringColumn task = StringColumn.create("task");
        StringColumn kind = StringColumn.create("kind");
        StringColumn measure = StringColumn.create("measure");
        DoubleColumn baseline = DoubleColumn.create("baseline");
        DoubleColumn withTask = DoubleColumn.create("withTask");
        DoubleColumn change = DoubleColumn.create("change");
        StringColumn better = StringColumn.create("better");
        for (String name : all) {
            boolean isOld = old.contains(name);
            Table baseEval = isOld ? beforeEval : scratchEval;
            Row base = row(baseEval, name);
            Row now = row(afterEval, name);
            for (String column : afterEval.columnNames()) {
                if (column.equals("task") || column.equals("rows")) {
                    continue;
                }
                double b = baseEval.columnNames().contains(column) ? base.getDouble(column)
                        : Double.NaN;
                double a = now.getDouble(column);
                if (Double.isNaN(a) && Double.isNaN(b)) {
                    continue;   // a metric of another task
                }
                task.append(name);
                kind.append(isOld ? "old" : "new");
                measure.append(column);
                baseline.append(b);
                withTask.append(a);
                change.append(a - b);
                better.append(a == b ? "same" : (higherIsBetter(column) == a > b) ? "yes" : "no");
            }
        }
        for (DoubleColumn column : List.of(baseline, withTask, change)) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        }
        return new TaskAddition(Table.create("Adding " + all.subList(old.size(), all.size())
                + " (old tasks: before → after; new: from scratch → with the trained model)",
                task, kind, measure, baseline, withTask, change, better));
    }

    private static MultiTaskModel fromScratch(ModelSpec spec, int oldTasks) {
        List<TaskSpec> added = new ArrayList<>(spec.tasks().subList(oldTasks, spec.tasks().size()));
        return new MultiTaskModel(new ModelSpec(spec.inputs(), spec.sharing(), added,
                new EqualWeighting(), spec.initializer()).validate());
    }

    private static FitOption[] withoutTransferOptions(FitOption[] options) {
        List<FitOption> kept = new ArrayList<>();
        for (FitOption option : options) {
            if (!(option instanceof Freeze) && !(option instanceof Rehearsal)) {
                kept.add(option);
            }
        }
        return kept.toArray(FitOption[]::new);
    }

    private static Row row(Table evaluation, String task) {
        for (Row row : evaluation) {
            if (row.getString("task").equals(task)) {
                return row;
            }
        }
        throw new IllegalStateException("No evaluation row for task '" + task + "'.");
    }

    private static boolean higherIsBetter(String measure) {
        return org.mtl4j.spec.metrics.Metric.higherIsBetter(measure);
    }

    /** The report as a table (see the class comment for its columns). */
    public Table table() {
        return table;
    }

    /**
     * The change of {@code measure} for {@code task}: after − before for an old task
     * (forgetting), with-the-trained-model − from-scratch for a new one (transfer).
     *
     * @throws IllegalArgumentException for a task or measure the report does not have
     */
    public double change(String task, String measure) {
        for (Row row : table) {
            if (row.getString("task").equals(task) && row.getString("measure").equals(measure)) {
                return row.getDouble("change");
            }
        }
        throw new IllegalArgumentException("The report has no measure '" + measure + "' for task '"
                + task + "'. Received: change(\"" + task + "\", \"" + measure + "\"). Its rows: "
                + table.stringColumn("task").asList() + " × " + table.stringColumn("measure")
                        .asList() + ".");
    }

    /** The table as text. */
    @Override
    public String toString() {
        return table.printAll();
    }
}
