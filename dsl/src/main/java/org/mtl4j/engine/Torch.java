package org.mtl4j.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The libtorch calls DJL's {@code NDArray} API does not offer: gradient handles, in-place
 * zeroing, backward from an inner tensor, splitting into views, and the intra-op thread count. The
 * only class (with {@link NoGrad}) that calls DJL's PyTorch JNI ({@link ConvolutionKernels}
 * calls libtorch itself, through JNA).
 *
 * <p>Example: {@code Torch.backward(trunkOutput, gradient, false)} then {@code
 * Torch.zeroGradient(weight)}.
 */
public final class Torch {

    /** The start of libtorch's message for a backward from a tensor without a gradient path. */
    static final String NO_GRADIENT_PATH = "element 0 of tensors does not require grad";

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

    /**
     * Backpropagates like {@link #backward}, unless {@code output} has no gradient path (nothing
     * it depends on takes a gradient: e.g. every part its losses reach is frozen); then it runs
     * nothing and returns false. libtorch refuses such a backward before it computes anything;
     * DJL offers no reliable test beforehand ({@code hasGradient()} reports false for every
     * non-leaf result on DJL 0.36), so that refusal is the test.
     *
     * @return whether the backward ran
     */
    public static boolean backwardIfDifferentiable(NDArray output, NDArray gradient,
            boolean retainGraph) {
        try {
            backward(output, gradient, retainGraph);
            return true;
        } catch (EngineException e) {
            if (String.valueOf(e.getMessage()).startsWith(NO_GRADIENT_PATH)) {
                return false;
            }
            throw e;
        }
    }

    /** {@code array} cut along {@code axis} into views of {@code size} (the last may be smaller). */
    public static NDList split(NDArray array, long size, int axis) {
        return JniUtils.split((PtNDArray) array, size, axis);
    }

    /**
     * {@code arrays} joined along {@code axis} in one native call, owned by the first array's
     * manager: what {@code NDArrays.concat} gives (for one array too, a copy), without its checks
     * in Java, which read every array's shape through streams (a few microseconds a call, several
     * calls a training step); libtorch checks the shapes itself and refuses arrays that do not
     * fit.
     *
     * <p>Example: {@code Torch.cat(new NDList(losses, weights), 0)}
     */
    public static NDArray cat(NDList arrays, int axis) {
        return JniUtils.cat(handles(arrays), axis);
    }

    /**
     * {@code arrays} stacked along a new {@code axis} in one native call, owned by the first
     * array's manager: what {@code NDArrays.stack} gives (which checks only that the list is not
     * empty, and converts each array in a Java loop: little to save; used beside {@link #cat} so
     * that a step joins arrays one way).
     */
    public static NDArray stack(NDList arrays, int axis) {
        return JniUtils.stack(handles(arrays), axis);
    }

    private static PtNDArray[] handles(NDList arrays) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("Joining arrays needs at least one. Received: an"
                    + " empty list. Pass the arrays to join.");
        }
        PtNDArray[] all = new PtNDArray[arrays.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = (PtNDArray) arrays.get(i);
        }
        return all;
    }

    /**
     * DJL's native Adam step on one tensor, in one call (β₁, β₂, ε as given; no weight decay, no
     * clipping): {@code m = β₁·m + (1-β₁)·g; v = β₂·v + (1-β₂)·g²; weight -= rate · m / (√v + ε)}
     * with the gradient's moments updated in place, as DJL's {@code Adam} does per parameter.
     *
     * @param rate the learning rate with the bias correction folded in
     */
    public static void adamStep(NDArray weight, NDArray gradient, NDArray mean, NDArray variance,
            float rate, float beta1, float beta2, float epsilon) {
        JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) mean,
                (PtNDArray) variance, 0f, rate, 0f, 1f, -1f, beta1, beta2, epsilon, false);
    }

    /** Whether autograd records on this thread now. */
    public static boolean recording() {
        return JniUtils.isGradMode();
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
