package org.mtl4j.spec;

import java.util.List;

/**
 * Number columns, each standardised to {@code (x - mean) / std} with the mean and standard
 * deviation of the training split only (a constant column is only centred). Values must be finite:
 * drop or fill missing values first.
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
