package org.mtl4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Makes one Tablesaw column of a {@link ColumnKind}, with missing cells at a given rate.
 *
 * <p>Example: {@code ColumnGenerator.column(values, "y", ColumnKind.CATEGORY, 10, 0.1, 3)} is a
 * string column of 10 rows drawn from 3 levels, about one cell in ten missing.
 */
final class ColumnGenerator {

    private ColumnGenerator() {}

    /**
     * A column.
     *
     * @param classes how many distinct ordinary values categorical kinds draw from
     */
    static Column<?> column(
            Values values, String name, ColumnKind kind, int rows, double missing, int classes) {
        List<String> levels = levels(values, classes);
        return switch (kind) {
            case DOUBLE -> {
                DoubleColumn column = DoubleColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    column.append(values.chance(missing) ? Double.NaN : values.number());
                }
                yield column;
            }
            case FLOAT -> {
                FloatColumn column = FloatColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    if (values.chance(missing)) {
                        column.appendMissing();
                    } else {
                        column.append(values.smallFloat());
                    }
                }
                yield column;
            }
            case INTEGER -> {
                IntColumn column = IntColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    if (values.chance(missing)) {
                        column.appendMissing();
                    } else {
                        column.append(values.integer(classes));
                    }
                }
                yield column;
            }
            case LONG -> {
                LongColumn column = LongColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    if (values.chance(missing)) {
                        column.appendMissing();
                    } else {
                        column.append(values.longInteger(classes));
                    }
                }
                yield column;
            }
            case BOOLEAN -> {
                BooleanColumn column = BooleanColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    if (values.chance(missing)) {
                        column.appendMissing();
                    } else {
                        column.append(classes < 2 || values.chance(0.5));
                    }
                }
                yield column;
            }
            case CATEGORY, TEXT, MIXED -> {
                StringColumn column = StringColumn.create(name);
                for (int r = 0; r < rows; r++) {
                    if (values.chance(missing)) {
                        column.appendMissing();
                    } else {
                        column.append(switch (kind) {
                            case CATEGORY -> values.level(levels);
                            case TEXT -> values.text();
                            default -> values.mixed();
                        });
                    }
                }
                yield column;
            }
        };
    }

    private static List<String> levels(Values values, int classes) {
        List<String> pool = new ArrayList<>(values.chance(values.extreme()) ? Values.LEVELS
                : Values.LEVELS.subList(0, 5));
        java.util.Collections.shuffle(pool, values.random());
        return pool.subList(0, Math.min(pool.size(), Math.max(1, classes)));
    }
}
