package org.mtl4j.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Appends one JDBC result column to a Tablesaw column of the matching kind: floating-point and
 * decimal types to {@code DoubleColumn}, 8–32-bit integers to {@code IntColumn}, 64-bit integers
 * to {@code LongColumn}, booleans to {@code BooleanColumn}, everything else (text, dates, …) to
 * {@code StringColumn} as the driver writes it. SQL NULL is a missing value.
 */
final class ColumnReader {

    private enum Kind { DOUBLE, INT, LONG, BOOLEAN, STRING }

    private final String name;
    private final int index;
    private final Kind kind;

    private ColumnReader(String name, int index, Kind kind) {
        this.name = name;
        this.index = index;
        this.kind = kind;
    }

    /** Readers for every column of a result. */
    static ColumnReader[] of(ResultSetMetaData meta) throws SQLException {
        ColumnReader[] readers = new ColumnReader[meta.getColumnCount()];
        for (int c = 0; c < readers.length; c++) {
            readers[c] = new ColumnReader(meta.getColumnLabel(c + 1), c + 1,
                    kind(meta.getColumnType(c + 1)));
        }
        return readers;
    }

    private static Kind kind(int sqlType) {
        return switch (sqlType) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> Kind.DOUBLE;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INT;
            case Types.BIGINT -> Kind.LONG;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            default -> Kind.STRING;
        };
    }

    /** An empty column for this result column. */
    Column<?> newColumn() {
        return switch (kind) {
            case DOUBLE -> DoubleColumn.create(name);
            case INT -> IntColumn.create(name);
            case LONG -> LongColumn.create(name);
            case BOOLEAN -> BooleanColumn.create(name);
            case STRING -> StringColumn.create(name);
        };
    }

    /** Appends the current row's value to {@code column} (made by {@link #newColumn()}). */
    void append(ResultSet rows, Column<?> column) throws SQLException {
        switch (kind) {
            case DOUBLE -> {
                double value = rows.getDouble(index);
                if (rows.wasNull()) {
                    ((DoubleColumn) column).appendMissing();
                } else {
                    ((DoubleColumn) column).append(value);
                }
            }
            case INT -> {
                int value = rows.getInt(index);
                if (rows.wasNull()) {
                    ((IntColumn) column).appendMissing();
                } else {
                    ((IntColumn) column).append(value);
                }
            }
            case LONG -> {
                long value = rows.getLong(index);
                if (rows.wasNull()) {
                    ((LongColumn) column).appendMissing();
                } else {
                    ((LongColumn) column).append(value);
                }
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(index);
                if (rows.wasNull()) {
                    ((BooleanColumn) column).appendMissing();
                } else {
                    ((BooleanColumn) column).append(value);
                }
            }
            case STRING -> {
                String value = rows.getString(index);
                if (value == null) {
                    ((StringColumn) column).appendMissing();
                } else {
                    ((StringColumn) column).append(value);
                }
            }
        }
    }
}
