package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Scalars;

/**
 * Softmax cross-entropy for one-of-K classification: {@code -log softmax(z)[y]}. The head outputs
 * one logit per class; the label column is categorical.
 *
 * <p>Example: {@code .task("species").head(dense(3)).loss(crossEntropy())}
 */
public record CrossEntropy() implements Loss {

    @Override
    public LabelKind labelKind() {
        return LabelKind.CLASSES;
    }

    @Override
    public NDArray perExample(NDArray output, NDArray labels, Scalars scalars) {
        return output.logSoftmax(-1).gather(labels.reshape(-1, 1), 1).reshape(-1).neg();
    }

    @Override
    public String toString() {
        return "crossEntropy()";
    }
}
