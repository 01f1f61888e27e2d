package org.mtl4j.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.columns.Column;

/**
 * The distinct non-missing values of a column, in a stable order (numeric or alphabetical).
 *
 * <p>Example: {@code Levels.of(table.column("island"), split.train())} is e.g. {@code [Biscoe,
 * Dream, Torgersen]}.
 */
public final class Levels {

    private Levels() {}

    /** The levels of {@code column} on {@code rows}. */
    public static List<String> of(Column<?> column, int[] rows) {
        Set<String> distinct = new LinkedHashSet<>();
        for (int row : rows) {
            if (!column.isMissing(row)) {
                distinct.add(column.getUnformattedString(row));
            }
        }
        List<String> levels = new ArrayList<>(distinct);
        if (column instanceof NumberColumn<?, ?>) {
            levels.sort(Comparator.comparingDouble(Double::parseDouble));
        } else {
            levels.sort(Comparator.naturalOrder());
        }
        return List.copyOf(levels);
    }
}
