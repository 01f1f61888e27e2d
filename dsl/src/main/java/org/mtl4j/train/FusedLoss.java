package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.LossKernels;
import org.mtl4j.engine.Scalars;
import org.mtl4j.spec.losses.CrossEntropy;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.losses.MeanSquaredError;

/**
 * A task's loss over a batch the way the trainer computes it: libtorch's own loss operation
 * ({@link LossKernels}: one operation and one backward node) for {@code mse()} and {@code
 * crossEntropy()} on the CPU, the loss's DJL operations ({@link Loss#perExample}) otherwise. The
 * values agree to float rounding. Only for labels mtl4j encoded ({@code TaskLabels}): their class
 * indexes are all below the head's width, which libtorch's cross-entropy needs.
 *
 * <p>Example: {@code NDArray loss = FusedLoss.mean(crossEntropy(), logits, classes, scalars);}
 */
final class FusedLoss {

    private FusedLoss() {}

    /** The mean loss over the batch's rows (every row labelled), shape (). */
    static NDArray mean(Loss loss, NDArray output, NDArray labels, Scalars scalars) {
        NDArray fused = kernel(loss, output, labels, LossKernels.MEAN);
        return fused != null ? fused : loss.perExample(output, labels, scalars).mean();
    }

    /** The loss of every row, shape (rows). */
    static NDArray perExample(Loss loss, NDArray output, NDArray labels, Scalars scalars) {
        NDArray fused = kernel(loss, output, labels, LossKernels.NONE);
        return fused != null ? fused : loss.perExample(output, labels, scalars);
    }

    private static NDArray kernel(Loss loss, NDArray output, NDArray labels, long reduction) {
        if (loss instanceof MeanSquaredError) {
            return LossKernels.meanSquaredError(output, labels, reduction);
        }
        if (loss instanceof CrossEntropy) {
            return LossKernels.crossEntropy(output, labels, reduction);
        }
        return null;
    }
}
