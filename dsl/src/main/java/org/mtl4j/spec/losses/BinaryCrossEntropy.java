package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.mtl4j.engine.Scalars;

/**
 * Binary cross-entropy on a logit, computed stably as {@code softplus(z) - y·z}. The head outputs
 * one logit; the label column is categorical with exactly two classes (the second in sorted order
 * is the positive one).
 *
 * <p>Example: {@code .task("sex").head(dense(1)).loss(binaryCrossEntropy())}
 */
public record BinaryCrossEntropy() implements Loss {

    @Override
    public LabelKind labelKind() {
        return LabelKind.BINARY;
    }

    @Override
    public NDArray perExample(NDArray output, NDArray labels, Scalars scalars) {
        NDArray logit = output.reshape(-1);
        return Activation.softPlus(logit).sub(logit.mul(labels));
    }

    @Override
    public String toString() {
        return "binaryCrossEntropy()";
    }
}
