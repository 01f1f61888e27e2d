package org.mtl4j.data;

import org.mtl4j.spec.TaskSpec;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.columns.Column;

/**
 * The range of the numbers that reach the network, which computes in float32 (largest finite
 * value about 3.4e38), and the checks that keep regression labels and standardised inputs inside
 * it.
 *
 * <p>The rule: every regression label, and every numeric input after standardisation, must lie
 * within ±{@value #LIMIT_TEXT} ({@code sqrt(Float.MAX_VALUE)}), so that its square, as in a
 * squared error, is still finite in float32. A label of {@code 1e20} would give an infinite
 * {@code mse()} and one of {@code 1e39} is already infinite as float32; both are rejected before
 * training with the column, the row and the value. Numeric inputs are standardised in double
 * precision first, so their raw size does not matter as long as the training split's mean and
 * standard deviation are finite doubles (values up to about ±1e154); what is checked is the
 * standardised value, which for a training row is at most {@code sqrt(rows)} and can only be out
 * of range for a validation or prediction row far outside the training data.
 *
 * <p>Example: {@code Float32Range.label(task, column, 7)} returns row 7's label, or
 * throws {@link IllegalArgumentException} naming the task, column, row and value.
 */
final class Float32Range {

    /** The largest magnitude allowed for a label or standardised input: sqrt(Float.MAX_VALUE). */
    static final double LIMIT = Math.sqrt(Float.MAX_VALUE);

    /** {@link #LIMIT} as messages print it. */
    static final String LIMIT_TEXT = "1.8e19";

    private Float32Range() {}

    /**
     * Checks every non-missing label of a regression task's column, so that a bad label stops
     * the fit before any training.
     */
    static void checkLabels(TaskSpec task, NumberColumn<?, ?> column) {
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                label(task, column, row);
            }
        }
    }

    /**
     * Row {@code row}'s regression label, checked (still a double, so that target scaling
     * subtracts its mean before the float32 rounding).
     *
     * @throws IllegalArgumentException for an infinite label or one beyond ±{@value #LIMIT_TEXT}
     */
    static double label(TaskSpec task, NumberColumn<?, ?> column, int row) {
        double value = column.getDouble(row);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' has an infinite label (" + value + ") in row " + row
                            + " of column '" + column.name() + "'. Labels must be finite numbers"
                            + " or missing. Fix or drop that row.");
        }
        if (Math.abs(value) > LIMIT) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' has label " + value + " in row " + row
                            + " of column '" + column.name() + "', too large to train on:"
                            + " regression labels must lie within ±" + LIMIT_TEXT + " so that"
                            + " their squared error stays finite in float32. Rescale the column"
                            + " (e.g. divide it by 1e20 or take its logarithm), or drop that"
                            + " row.");
        }
        return value;
    }

    /**
     * Checks a numeric input's training-split statistics.
     *
     * @throws IllegalArgumentException if the mean or standard deviation overflows a double
     */
    static void checkStatistics(
            NumberColumn<?, ?> numbers, int[] trainRows, double mean, double std) {
        if (Double.isFinite(mean) && Double.isFinite(std)) {
            return;
        }
        int largest = trainRows[0];
        for (int row : trainRows) {
            if (Math.abs(numbers.getDouble(row)) > Math.abs(numbers.getDouble(largest))) {
                largest = row;
            }
        }
        throw new IllegalArgumentException(
                "Column '" + numbers.name() + "' is too large to standardise: its mean or"
                        + " standard deviation overflows a double (largest value: "
                        + numbers.getDouble(largest) + " at row " + largest + "). Rescale the"
                        + " column (e.g. divide it by 1e150 or take its logarithm).");
    }

    /**
     * A numeric input's standardised value as a float.
     *
     * @throws IllegalArgumentException if it lies beyond ±{@value #LIMIT_TEXT}
     */
    static float standardised(
            Column<?> column, int row, double value, double mean, double scale) {
        double z = (value - mean) / scale;
        if (Math.abs(z) > LIMIT) {
            throw new IllegalArgumentException(
                    "Column '" + column.name() + "' has value " + value + " in row " + row
                            + ", which standardises to " + z + " (training mean "
                            + mean + ", std " + scale + "): standardised inputs must lie within ±"
                            + LIMIT_TEXT + " so that the network's float32 arithmetic stays"
                            + " finite. Drop that row, or rescale the column (e.g. take its"
                            + " logarithm) so that the training rows cover its range.");
        }
        return (float) z;
    }
}
