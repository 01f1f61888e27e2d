package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Categorical columns (strings, booleans, integers), each one-hot encoded over the levels seen in
 * the training split, in sorted order. A missing value or a level never seen in training encodes
 * as all zeros.
 *
 * <p>Example: {@code categorical("island")}
 *
 * @param columns the categorical columns, at least one
 */
public record CategoricalInput(List<String> columns) implements Input {

    /** Copies and validates the column list. */
    public CategoricalInput {
        columns = InputColumns.check("categorical", columns);
    }

    @Override
    public String toString() {
        return "categorical(" + InputColumns.quoted(columns) + ")";
    }
}
