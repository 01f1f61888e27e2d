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

    /**
     * Learnt vectors of {@code dimension} numbers per level instead of one-hot; see {@link
     * CategoricalEmbedding} (defaults: a learnt level map, a table per column).
     */
    public CategoricalEmbedding embedding(int dimension) {
        return new CategoricalEmbedding(columns, dimension, 0, null);
    }

    @Override
    public String toString() {
        return "categorical(" + InputColumns.quoted(columns) + ")";
    }
}
