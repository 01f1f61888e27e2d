package org.mtl4j.data;

import java.nio.FloatBuffer;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;

/**
 * Standardises a number column with the training split's mean and standard deviation (in double
 * precision; the result must fit {@link Float32Range}).
 */
final class NumericEncoder implements ColumnEncoder {

    private final String column;
    private final double mean;
    private final double scale;

    private NumericEncoder(String column, double mean, double scale) {
        this.column = column;
        this.mean = mean;
        this.scale = scale;
    }

    static NumericEncoder fit(Table table, String name, int[] trainRows) {
        NumberColumn<?, ?> numbers = column(table, name);
        checkFinite(numbers);
        double sum = 0;
        for (int row : trainRows) {
            sum += numbers.getDouble(row);
        }
        double mean = sum / trainRows.length;
        double squares = 0;
        for (int row : trainRows) {
            double d = numbers.getDouble(row) - mean;
            squares += d * d;
        }
        double std = Math.sqrt(squares / trainRows.length);
        Float32Range.checkStatistics(numbers, trainRows, mean, std);
        return new NumericEncoder(name, mean, std > 0 ? std : 1);
    }

    /** The encoder with saved statistics. */
    static NumericEncoder restore(EncoderState.Numeric state) {
        return new NumericEncoder(state.column(), state.mean(), state.scale());
    }

    @Override
    public EncoderState state() {
        return new EncoderState.Numeric(column, mean, scale);
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        NumberColumn<?, ?> numbers = column(table, column);
        checkFinite(numbers);
        for (int r = 0; r < rows.length; r++) {
            out.put(r * stride + offset, Float32Range.standardised(
                    numbers, rows[r], numbers.getDouble(rows[r]), mean, scale));
        }
    }

    @Override
    public String describe() {
        return column + ": standardised (mean " + String.format("%.4g", mean) + ", std "
                + String.format("%.4g", scale) + ")";
    }

    static NumberColumn<?, ?> column(Table table, String name) {
        return Columns.numbers(
                table, name, "numeric(\"" + name + "\")",
                "Use categorical(\"" + name + "\") for categories or text(\"" + name
                        + "\") for free text.");
    }

    private static void checkFinite(NumberColumn<?, ?> numbers) {
        int bad = 0;
        int first = -1;
        for (int row = 0; row < numbers.size(); row++) {
            double value = numbers.getDouble(row);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                bad++;
                first = first < 0 ? row : first;
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException(
                    "Column '" + numbers.name() + "' has " + bad + " missing or non-finite value"
                            + (bad == 1 ? "" : "s") + " (first: " + describe(numbers.getDouble(first))
                            + " at row " + first + "). numeric() inputs must be finite numbers."
                            + " Drop those rows (table.dropRowsWithMissingValues()) or fill them"
                            + " (column.setMissingTo(value)).");
        }
    }

    private static String describe(double value) {
        return Double.isNaN(value) ? "missing" : String.valueOf(value);
    }
}
