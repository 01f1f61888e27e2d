package org.mtl4j.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.mtl4j.annotation.Internal;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.inputs.Input;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The fit option {@code rehearsal(oldRows, fraction)}: the fit trains on the fit's table plus
 * rows of {@code oldRows} (the data the model learnt its first tasks from), so that fine-tuning
 * on a new task keeps rehearsing the old ones and forgets less.
 *
 * <p>Sampling: for a table of n rows, the fit draws m = round(n·f/(1−f)) rows of {@code oldRows}
 * once, uniformly without replacement with a generator seeded by the fit's {@code seed(...)}
 * (when m exceeds the old rows, every old row is taken ⌊m/old⌋ times and the rest drawn as
 * before), appends them to the table, and splits and shuffles the whole as usual. So a fraction
 * f of the rows, and on average of every batch, is old. A new row has no label for the old tasks
 * and an old row none for the new ones (unless the tables have those columns): such a row does
 * not count for that task. The validation split, if any, holds old rows too, so the history
 * shows the old tasks during the fit.
 *
 * <p>On a source ({@code fit(source, rehearsal(...))}, a trained model or one made by {@code
 * withTask()}) the same m rows are drawn and join the stream, each shuffle buffer its share;
 * a validation source holds only its own rows. See {@code StreamedRehearsal}.
 *
 * <p>Example: {@code extended.fit(newRows, epochs(30), rehearsal(oldRows, 0.25))}
 *
 * @param oldRows rows with the model's input columns and the old tasks' label columns
 * @param fraction the share of old rows in the training data, in (0, 1)
 */
public record Rehearsal(Table oldRows, double fraction) implements FitOption {

    /** Checks the arguments. */
    public Rehearsal {
        if (oldRows == null) {
            throw new IllegalArgumentException("rehearsal() needs the old tasks' rows. Received:"
                    + " rehearsal(null, " + fraction + "). Pass the table the model was first"
                    + " trained on, e.g. rehearsal(oldRows, 0.25).");
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("rehearsal()'s fraction must be in (0, 1), the"
                    + " share of old rows in the training data. Received: rehearsal("
                    + oldRows.name() + ", " + fraction + "). Use e.g. rehearsal(oldRows, 0.25).");
        }
        if (oldRows.rowCount() == 0) {
            throw new IllegalArgumentException("rehearsal() needs old rows, but table '"
                    + oldRows.name() + "' has none. Pass the table the model was first trained"
                    + " on.");
        }
    }

    @Override
    @Internal
    public void applyTo(FitSettings.Builder settings) {
        settings.rehearsal(this);
    }

    /** How many old rows join a table of {@code rows} rows. */
    public int oldRowCount(int rows) {
        return (int) Math.round(rows * fraction / (1 - fraction));
    }

    /**
     * {@code table} followed by the drawn old rows, over the columns {@code spec} reads (inputs
     * and every task's labels); a column one table lacks is missing in its rows.
     *
     * @throws IllegalArgumentException when the old rows lack an input column or every task's
     *     label, or a column has types that cannot be joined
     */
    @Internal
    public Table mix(Table table, ModelSpec spec, long seed) {
        Set<String> columns = checkColumns(spec);
        int[] drawn = draw(oldRowCount(table.rowCount()), oldRows.rowCount(), seed);
        Table old = rowsInOrder(oldRows, drawn);
        Table mixed = Table.create(table.name() + " + rehearsal of " + oldRows.name());
        for (String name : columns) {
            Column<?> mine = find(table, name);
            Column<?> theirs = find(old, name);
            if (mine == null && theirs == null) {
                continue;
            }
            mixed.addColumns(join(name, mine, table.rowCount(), theirs, old.rowCount()));
        }
        return mixed;
    }

    /**
     * The columns {@code spec} reads (inputs, then every task's label), checked against the old
     * rows.
     *
     * @throws IllegalArgumentException when the old rows lack an input column or every task's
     *     label
     */
    Set<String> checkColumns(ModelSpec spec) {
        List<String> inputs = new ArrayList<>();
        for (Input input : spec.inputs()) {
            inputs.addAll(input.columns());
        }
        List<String> missing = inputs.stream().filter(c -> find(oldRows, c) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("rehearsal()'s table '" + oldRows.name()
                    + "' lacks the input column(s) " + missing + ". Received: columns="
                    + oldRows.columnNames() + ". Pass rows with the model's inputs.");
        }
        Set<String> columns = new LinkedHashSet<>(inputs);
        boolean anyLabel = false;
        for (TaskSpec task : spec.tasks()) {
            columns.add(task.labelColumn());
            anyLabel |= find(oldRows, task.labelColumn()) != null;
        }
        if (!anyLabel) {
            throw new IllegalArgumentException("rehearsal()'s table '" + oldRows.name()
                    + "' has no label column of the model's tasks. Received: columns="
                    + oldRows.columnNames() + ", tasks=" + spec.taskNames() + ". Pass the rows"
                    + " the old tasks were trained on, with their labels.");
        }
        return columns;
    }

    /**
     * The rows {@code rows} of {@code table}, in that order and as often as listed (Tablesaw's
     * {@code Table.rows(int...)} selects each row once, in the table's order).
     */
    static Table rowsInOrder(Table table, int[] rows) {
        Table picked = Table.create(table.name());
        for (Column<?> column : table.columns()) {
            picked.addColumns(column.subset(rows));
        }
        return picked;
    }

    /** m row indices of 0..rows-1, seeded: whole passes, then a sample without replacement. */
    static int[] draw(int m, int rows, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int[] drawn = new int[m];
        int filled = 0;
        while (m - filled >= rows) {
            System.arraycopy(order, 0, drawn, filled, rows);
            filled += rows;
        }
        for (int i = 0; i < m - filled; i++) {   // partial Fisher-Yates
            int j = i + random.nextInt(rows - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] rest = java.util.Arrays.copyOf(order, m - filled);
        java.util.Arrays.sort(rest);
        System.arraycopy(rest, 0, drawn, filled, rest.length);
        return drawn;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Column<?> join(String name, Column<?> mine, int myRows, Column<?> theirs,
            int theirRows) {
        if (mine != null && theirs != null && !mine.type().equals(theirs.type())) {
            if (mine instanceof NumericColumn<?> a && theirs instanceof NumericColumn<?> b) {
                mine = a.asDoubleColumn();
                theirs = b.asDoubleColumn();
            } else {
                throw new IllegalArgumentException("Column '" + name + "' is " + mine.type()
                        + " in the fit's table but " + theirs.type() + " in rehearsal()'s."
                        + " Received: " + mine.type() + " and " + theirs.type() + ". Read both"
                        + " tables with the same column types.");
            }
        }
        Column first = mine != null ? mine.copy() : theirs.emptyCopy(myRows);
        Column second = theirs != null ? theirs : mine.emptyCopy(theirRows);
        first.append(second);
        return first.setName(mine != null ? mine.name() : theirs.name());
    }

    static Column<?> find(Table table, String name) {
        for (Column<?> column : table.columns()) {
            if (column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "rehearsal(" + oldRows.name() + ", " + fraction + ")";
    }
}
