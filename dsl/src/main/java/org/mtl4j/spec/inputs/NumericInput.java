package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Number columns, each standardised to {@code (x - mean) / std} with the mean and standard
 * deviation of the training split only (a constant column is only centred). Values must be finite:
 * drop or fill missing values first. Standardising happens in double precision, so large values
 * (even beyond float32's 3.4e38) are fine as long as the training mean and standard deviation are
 * finite; a standardised value beyond ±1.8e19 (a row far outside the training data) is rejected.
 *
 * <p>Example: {@code numeric("bill_length_mm", "flipper_length_mm")}
 *
 * @param columns the number columns, at least one
 */
public record NumericInput(List<String> columns) implements Input {

    /** Copies and validates the column list. */
    public NumericInput {
        columns = InputColumns.check("numeric", columns);
    }

    @Override
    public String toString() {
        return "numeric(" + InputColumns.quoted(columns) + ")";
    }
}
