package org.mtl4j.spec.losses;

/**
 * What a task predicts, decided by its loss: one of several classes, one of two classes, or a
 * number. The label column must match: a categorical column for {@link #CLASSES} and
 * {@link #BINARY}, a numeric column for {@link #NUMBER}.
 *
 * <p>Example: {@code crossEntropy().labelKind()} is {@code CLASSES}, {@code mse().labelKind()} is
 * {@code NUMBER}
 */
public enum LabelKind {
    /** One of several classes (softmax cross-entropy); the head outputs one logit per class. */
    CLASSES,
    /** One of two classes (binary cross-entropy); the head outputs one logit. */
    BINARY,
    /** A real number (MSE, L1, Huber); the head outputs one value. */
    NUMBER;

    /** Whether the task's labels are classes (so the model keeps a class list). */
    public boolean isCategorical() {
        return this != NUMBER;
    }
}
