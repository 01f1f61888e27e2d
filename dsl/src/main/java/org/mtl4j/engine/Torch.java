package org.mtl4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The libtorch calls DJL's {@code NDArray} API does not offer: gradient handles, in-place
 * zeroing, backward from an inner tensor, splitting into views, and the intra-op thread count. The
 * only class (with {@link NoGrad}) that calls DJL's PyTorch JNI.
 *
 * <p>Example: {@code Torch.backward(trunkOutput, gradient, false)} then {@code
 * Torch.zeroGradient(weight)}.
 */
public final class Torch {

    private Torch() {}

    /** Sets {@code array}'s gradient to zeros in place (the gradient tensor stays the same). */
    public static void zeroGradient(NDArray array) {
        JniUtils.zeroGrad((PtNDArray) array);
    }

    /**
     * The gradient tensor of {@code array} (the live tensor backward accumulates into, owned by
     * the caller's manager once attached), or null before its first backward.
     */
    public static NDArray gradient(NDArray array) {
        return JniUtils.getGradient((PtNDArray) array);
    }

    /**
     * Backpropagates {@code gradient} (the derivative of the objective by {@code output}) into
     * every leaf that {@code output} depends on, accumulating into their gradients.
     *
     * @param retainGraph whether the graph stays usable for another backward
     */
    public static void backward(NDArray output, NDArray gradient, boolean retainGraph) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, retainGraph, false);
    }

    /** {@code array} cut along {@code axis} into views of {@code size} (the last may be smaller). */
    public static NDList split(NDArray array, long size, int axis) {
        return JniUtils.split((PtNDArray) array, size, axis);
    }

    /** libtorch's intra-op thread count. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /** Sets libtorch's intra-op thread count (process wide). */
    public static void setThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }
}
