package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Scalars;

/**
 * Mean squared error {@code (ŷ - y)²} for a regression task (one output, numeric label column).
 *
 * <p>Example: {@code .task("body_mass_g").head(dense(1)).loss(mse())}
 */
public record MeanSquaredError() implements Loss {

    @Override
    public LabelKind labelKind() {
        return LabelKind.NUMBER;
    }

    @Override
    public NDArray perExample(NDArray output, NDArray labels, Scalars scalars) {
        return output.reshape(-1).sub(labels).square();
    }

    @Override
    public String toString() {
        return "mse()";
    }
}
