package org.mtl4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Spark rows ↔ Tablesaw tables, the same way on the driver and the executors: integer types
 * become {@code IntColumn} (long: {@code LongColumn}), float, double and decimal {@code
 * DoubleColumn}, strings {@code StringColumn}, booleans {@code BooleanColumn}; null is missing.
 *
 * <p>Example: {@code Table shard = SparkTables.toTable(df.schema(), rows, "shard");}
 */
public final class SparkTables {

    private SparkTables() {}

    /** The columns of {@code data} that the model reads: its inputs and the tasks' labels. */
    public static Dataset<Row> modelColumns(Dataset<Row> data, ModelSpec spec) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        spec.inputs().forEach(input -> wanted.addAll(input.columns()));
        spec.tasks().forEach(task -> wanted.add(task.labelColumn()));
        List<org.apache.spark.sql.Column> kept = new ArrayList<>();
        for (String name : data.columns()) {
            if (wanted.contains(name)) {
                kept.add(data.col(name));
            }
        }
        return data.select(kept.toArray(new org.apache.spark.sql.Column[0]));
    }

    /** A table of {@code rows} with {@code schema}'s columns. */
    public static Table toTable(StructType schema, Iterator<Row> rows, String name) {
        StructField[] fields = schema.fields();
        List<Column<?>> columns = new ArrayList<>();
        for (StructField field : fields) {
            columns.add(emptyColumn(field));
        }
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int c = 0; c < fields.length; c++) {
                append(columns.get(c), fields[c].dataType(), row, c);
            }
        }
        return Table.create(name, columns);
    }

    private static Column<?> emptyColumn(StructField field) {
        DataType type = field.dataType();
        String name = field.name();
        if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType)) {
            return IntColumn.create(name);
        }
        if (type.equals(DataTypes.LongType)) {
            return LongColumn.create(name);
        }
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)
                || type instanceof DecimalType) {
            return DoubleColumn.create(name);
        }
        if (type.equals(DataTypes.StringType)) {
            return StringColumn.create(name);
        }
        if (type.equals(DataTypes.BooleanType)) {
            return BooleanColumn.create(name);
        }
        throw new IllegalArgumentException("Column '" + name + "' has Spark type "
                + type.simpleString() + ", which mtl4j cannot read. Expected: a number, string"
                + " or boolean column. Cast it, e.g. df.withColumn(\"" + name + "\", col(\""
                + name + "\").cast(\"double\")), or drop it.");
    }

    private static void append(Column<?> column, DataType type, Row row, int c) {
        if (row.isNullAt(c)) {
            column.appendMissing();
        } else if (column instanceof IntColumn ints) {
            ints.append(((Number) row.get(c)).intValue());
        } else if (column instanceof LongColumn longs) {
            longs.append(row.getLong(c));
        } else if (column instanceof DoubleColumn doubles) {
            doubles.append(((Number) row.get(c)).doubleValue());
        } else if (column instanceof StringColumn strings) {
            strings.append(row.getString(c));
        } else {
            ((BooleanColumn) column).append(row.getBoolean(c));
        }
    }

    /** The Spark type of a Tablesaw column type (predictions: strings and numbers). */
    static DataType sparkType(ColumnType type, String name) {
        return switch (type.name()) {
            case "STRING", "TEXT" -> DataTypes.StringType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "FLOAT" -> DataTypes.FloatType;
            case "INTEGER", "SHORT" -> DataTypes.IntegerType;
            case "LONG" -> DataTypes.LongType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            default -> throw new IllegalStateException("Prediction column '" + name + "' has"
                    + " Tablesaw type " + type.name().toLowerCase(Locale.ROOT) + ", which has no"
                    + " Spark type here.");
        };
    }

    /** Row {@code r} of {@code column} as a Spark value (null when missing). */
    static Object value(Column<?> column, int r) {
        if (column.isMissing(r)) {
            return null;
        }
        Object value = column.get(r);
        if (column.type().name().equals("SHORT")) {
            return ((Number) value).intValue();
        }
        return value;
    }
}
