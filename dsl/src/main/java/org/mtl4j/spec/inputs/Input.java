package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Model inputs taken from table columns: {@link NumericInput} (standardised),
 * {@link CategoricalInput} (one-hot), {@link TextInput} (bag of words) and {@link ImageInput}
 * (pixels scaled to [0, 1], alone). All inputs are encoded
 * into one feature vector per row, in the order they are declared.
 *
 * <p>Example: {@code .input(numeric("x1", "x2"), categorical("island"), text("review"))}
 */
public sealed interface Input permits NumericInput, CategoricalInput, TextInput, ImageInput {

    /** The table columns this input reads. */
    List<String> columns();
}
