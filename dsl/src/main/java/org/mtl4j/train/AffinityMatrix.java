package org.mtl4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Inter-task affinities as a task × task matrix: {@code value(i, j)} is {@code Ẑ_i→j}, how much a
 * step on task i lowers task j's loss (Fifty et al. 2021; see {@link TaskAffinity}), averaged
 * over the sampled steps of one epoch or of the whole training (the paper's {@code Ẑ_i→j = (1/T)
 * Σ_t Z^t_i→j}). Rows: from, columns: onto. What {@link TaskGroups#suggest} and the heat map
 * read; can also be written by hand.
 *
 * <p>Example:
 *
 * <pre>{@code
 * AffinityMatrix average = AffinityMatrix.of(run.history());       // over all sampled steps
 * AffinityMatrix third = AffinityMatrix.of(run.history(), 3);      // epoch 3
 * double aOntoB = average.value("a", "b");
 * AffinityMatrix hand = new AffinityMatrix(List.of("a", "b"), new double[][] {{0, 0.2}, {0.1, 0}});
 * }</pre>
 *
 * @param tasks the task names, in the model's order
 * @param values {@code values[i][j]} = affinity from {@code tasks[i]} onto {@code tasks[j]} (NaN:
 *     not measured); the diagonal is each task's affinity onto itself
 */
public record AffinityMatrix(List<String> tasks, double[][] values) {

    /** Checks the shape and copies. */
    public AffinityMatrix {
        tasks = List.copyOf(tasks);
        if (new LinkedHashSet<>(tasks).size() != tasks.size()) {
            throw new IllegalArgumentException("An affinity matrix needs distinct task names."
                    + " Received: tasks=" + tasks + ". Name every task once.");
        }
        int n = tasks.size();
        boolean square = values.length == n
                && Arrays.stream(values).allMatch(row -> row.length == n);
        if (!square) {
            throw new IllegalArgumentException("An affinity matrix needs one row and one column"
                    + " per task. Received: " + tasks.size() + " tasks " + tasks + " and "
                    + values.length + " rows of lengths "
                    + Arrays.toString(Arrays.stream(values).mapToInt(r -> r.length).toArray())
                    + ". Give a " + tasks.size() + " × " + tasks.size() + " array.");
        }
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    /** The training average: per pair, the mean over every sampled step of every epoch. */
    public static AffinityMatrix of(TrainingHistory history) {
        return average(history.tasks(), requireRecords(history));
    }

    /**
     * Epoch {@code epoch}'s mean over its sampled steps.
     *
     * @throws IllegalArgumentException when nothing was measured in that epoch
     */
    public static AffinityMatrix of(TrainingHistory history, int epoch) {
        List<AffinityRecord> records = requireRecords(history).stream()
                .filter(r -> r.epoch() == epoch).toList();
        if (records.isEmpty()) {
            TreeSet<Integer> epochs = new TreeSet<>();
            history.affinities().forEach(r -> epochs.add(r.epoch()));
            throw new IllegalArgumentException("The task affinity was not measured in epoch "
                    + epoch + ". Received: epoch=" + epoch + "; measured epochs: " + epochs
                    + ". Choose one of those.");
        }
        return average(history.tasks(), records);
    }

    /**
     * The average of a table with columns {@code from_task}, {@code to_task}, {@code affinity}
     * and optionally {@code samples} (such as {@link TrainingHistory#affinityTable()}, or a
     * filtered copy): per pair, the mean of its rows weighted by {@code samples} when present.
     * Tasks are in the order they first appear.
     */
    public static AffinityMatrix of(Table table) {
        for (String column : List.of("from_task", "to_task", "affinity")) {
            if (!table.columnNames().contains(column)) {
                throw new IllegalArgumentException("An affinity table needs the columns"
                        + " from_task, to_task and affinity. Received: columns="
                        + table.columnNames() + ". Use history.affinityTable().");
            }
        }
        StringColumn from = table.stringColumn("from_task");
        StringColumn to = table.stringColumn("to_task");
        DoubleColumn affinity = table.doubleColumn("affinity");
        boolean weighted = table.columnNames().contains("samples");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (int row = 0; row < table.rowCount(); row++) {
            names.add(from.get(row));
            names.add(to.get(row));
        }
        List<AffinityRecord> records = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            int samples = weighted ? table.intColumn("samples").getInt(row) : 1;
            records.add(new AffinityRecord(0, from.get(row), to.get(row),
                    affinity.getDouble(row), samples));
        }
        return average(List.copyOf(names), records);
    }

    private static AffinityMatrix average(List<String> tasks, List<AffinityRecord> records) {
        int n = tasks.size();
        double[][] sums = new double[n][n];
        double[][] weights = new double[n][n];
        for (AffinityRecord record : records) {
            if (record.samples() <= 0 || Double.isNaN(record.affinity())) {
                continue;
            }
            int i = tasks.indexOf(record.fromTask());
            int j = tasks.indexOf(record.toTask());
            sums[i][j] += record.affinity() * record.samples();
            weights[i][j] += record.samples();
        }
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i][j] = weights[i][j] == 0 ? Double.NaN : sums[i][j] / weights[i][j];
            }
        }
        return new AffinityMatrix(tasks, values);
    }

    private static List<AffinityRecord> requireRecords(TrainingHistory history) {
        if (history.affinities().isEmpty()) {
            throw new IllegalArgumentException("The history has no task affinity figures: no fit"
                    + " measured them. Received: " + history.epochs().size() + " epochs fitted"
                    + " without taskAffinity(). Fit with it, e.g. model.fit(table, epochs(10),"
                    + " taskAffinity()).");
        }
        return history.affinities();
    }

    /** A copy of the values. */
    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    /** The affinity from task {@code from} onto task {@code to}. */
    public double value(String from, String to) {
        return values[index(from)][index(to)];
    }

    /** The matrix of {@code names} only, in the order given. */
    public AffinityMatrix only(String... names) {
        int[] rows = Arrays.stream(names).mapToInt(this::index).toArray();
        double[][] kept = new double[rows.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j++) {
                kept[i][j] = values[rows[i]][rows[j]];
            }
        }
        return new AffinityMatrix(List.of(names), kept);
    }

    private int index(String task) {
        int index = tasks.indexOf(task);
        if (index < 0) {
            throw new IllegalArgumentException("The affinity matrix has no task '" + task
                    + "'. Received: " + task + "; tasks: " + tasks + ". Use one of those.");
        }
        return index;
    }

    /** One row per task i ({@code from_task}), one column per task j: the affinity i → j. */
    public Table toTable() {
        Table table = Table.create("inter-task affinity (row: from, column: onto)",
                StringColumn.create("from_task", tasks));
        for (int j = 0; j < tasks.size(); j++) {
            double[] column = new double[tasks.size()];
            for (int i = 0; i < tasks.size(); i++) {
                column[i] = values[i][j];
            }
            table.addColumns(DoubleColumn.create(tasks.get(j), column));
        }
        return table;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AffinityMatrix that && tasks.equals(that.tasks)
                && Arrays.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * tasks.hashCode() + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return toTable().print();
    }
}
