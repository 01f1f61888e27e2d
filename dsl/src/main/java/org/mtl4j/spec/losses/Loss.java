package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Scalars;

/**
 * A task's loss: {@link CrossEntropy}, {@link BinaryCrossEntropy}, {@link MeanSquaredError},
 * {@link MeanAbsoluteError} (L1) or {@link Huber}. The loss decides what the task predicts
 * ({@link #labelKind()}) and how many outputs its head must have.
 *
 * <p>Losses are computed per example; the trainer averages them over the rows of the batch that
 * have a label for the task (partial labels), so a missing label never counts. The math uses only
 * tensor operands (see {@link Scalars}), never Java numbers, so gradients stay correct. On the
 * CPU the trainer computes {@code mse()} and {@code crossEntropy()} with libtorch's own loss
 * operations instead ({@code LossKernels}: the same values to float rounding, in fewer
 * operations); {@link #perExample} defines the values and computes them everywhere else.
 *
 * <p>Example: {@code .task("stars").head(dense(1)).loss(mse())}
 */
public sealed interface Loss
        permits CrossEntropy, BinaryCrossEntropy, MeanSquaredError, MeanAbsoluteError, Huber {

    /** What the task predicts with this loss. */
    LabelKind labelKind();

    /**
     * Number of outputs the head must have.
     *
     * @param classes number of classes of the task (0 for a regression)
     */
    default int expectedOutputs(int classes) {
        return labelKind() == LabelKind.CLASSES ? classes : 1;
    }

    /**
     * Computes the loss of every example of a batch.
     *
     * @param output the head's output, shape (batch, outputs)
     * @param labels class indices (int64) for {@link LabelKind#CLASSES}, otherwise values (0/1 for
     *     {@link LabelKind#BINARY}) of the model's float type, shape (batch)
     * @param scalars long-lived constants
     * @return the per-example loss, shape (batch)
     */
    NDArray perExample(NDArray output, NDArray labels, Scalars scalars);
}
