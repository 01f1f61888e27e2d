package org.mtl4j.train;

import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.spec.TaskSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lets a fit of a trained model read a table without some tasks' label columns (the rows of a
 * new task carry no labels for the old ones): each absent column is added with every row
 * missing, so that those tasks sit the fit out (their heads get no update) while the others
 * train. A table with none of the tasks' label columns is left as it is (the fit then says which
 * column it lacks).
 *
 * <p>Example: {@code AbsentLabels.fill(newRows, List.of(speciesTask, sexTask))}
 */
@Internal
public final class AbsentLabels {

    private AbsentLabels() {}

    /**
     * {@code table}, or a copy with an all-missing label column for each of {@code tasks} whose
     * column it lacks, when it has the label column of at least one task of {@code all}.
     */
    public static Table fill(Table table, List<TaskSpec> tasks, List<TaskSpec> all) {
        if (all.stream().noneMatch(t -> has(table, t.labelColumn()))) {
            return table;
        }
        Table filled = null;
        for (TaskSpec task : tasks) {
            if (has(table, task.labelColumn())) {
                continue;
            }
            if (filled == null) {
                filled = table.copy();
            }
            int rows = table.rowCount();
            filled.addColumns(task.loss().labelKind().isCategorical()
                    ? StringColumn.create(task.labelColumn(), rows)
                    : DoubleColumn.create(task.labelColumn(), rows));
        }
        return filled == null ? table : filled;
    }

    private static boolean has(Table table, String column) {
        return table.columnNames().stream().anyMatch(column::equalsIgnoreCase);
    }
}
