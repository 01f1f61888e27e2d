package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Scalars;

/**
 * L1 loss {@code |ŷ - y|} for a regression task: robust to outliers, predicts the median.
 *
 * <p>Example: {@code .task("price").head(dense(1)).loss(l1())}
 */
public record MeanAbsoluteError() implements Loss {

    @Override
    public LabelKind labelKind() {
        return LabelKind.NUMBER;
    }

    @Override
    public NDArray perExample(NDArray output, NDArray labels, Scalars scalars) {
        return output.reshape(-1).sub(labels).abs();
    }

    @Override
    public String toString() {
        return "l1()";
    }
}
