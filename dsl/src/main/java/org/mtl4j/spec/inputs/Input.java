package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Model inputs taken from table columns: {@link NumericInput} (standardised),
 * {@link CategoricalInput} (one-hot) and {@link TextInput} (bag of words), and learnt vectors: {@link
 * CategoricalEmbedding} (a table per categorical column) and {@link TextEmbeddingBag} (the mean of
 * token vectors); {@link ImageInput} (pixels scaled to [0, 1], alone). All inputs are encoded into
 * one feature vector per row, in the order they are declared, embedded columns after the others.
 *
 * <p>Example: {@code .input(numeric("x1", "x2"), categorical("island"), text("review"))}
 */
public sealed interface Input permits NumericInput, CategoricalInput, TextInput,
        CategoricalEmbedding, TextEmbeddingBag, ImageInput {

    /** The table columns this input reads. */
    List<String> columns();
}
