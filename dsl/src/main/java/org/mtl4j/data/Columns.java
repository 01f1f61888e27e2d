package org.mtl4j.data;

import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Finds table columns with messages that name the column, the table and the fix. */
final class Columns {

    private Columns() {}

    /**
     * Returns the column named {@code name}.
     *
     * @param usedBy how the DSL refers to it, e.g. {@code categorical("island")}
     */
    static Column<?> find(Table table, String name, String usedBy) {
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException(
                    "Column '" + name + "' not found in table '" + table.name()
                            + "'. Received columns: " + table.columnNames()
                            + ". Check the name in " + usedBy + ".");
        }
        return table.column(name);
    }

    static NumberColumn<?, ?> numbers(Table table, String name, String usedBy, String instead) {
        Column<?> column = find(table, name, usedBy);
        if (!(column instanceof NumberColumn<?, ?> numbers)) {
            throw new IllegalArgumentException(
                    usedBy + " needs a numeric column, but '" + name + "' is "
                            + column.type().name() + ". " + instead);
        }
        return numbers;
    }
}
