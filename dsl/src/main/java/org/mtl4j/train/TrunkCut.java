package org.mtl4j.train;

import org.mtl4j.engine.Torch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.mtl4j.model.MultiTaskBlock;

/**
 * A step's graph cut at the trunk's output, for weighting strategies that combine the tasks'
 * gradients there: the heads read a detached copy (the leaf), the task backward passes stop at
 * the leaf, and the trunk then runs one backward with the gradient left on the leaf.
 *
 * @param output the trunk's output, in the trunk's graph (null when split across devices)
 * @param leaf the same values, a leaf that requires a gradient
 * @param beforeBackward runs before the trunk's backward (tests force a GC there)
 * @param shards the trunk's outputs of a batch split across devices ({@link DeviceShards}), or
 *     null on one device
 */
record TrunkCut(NDArray output, NDArray leaf, Runnable beforeBackward,
        ShardedTrunk shards) {

    TrunkCut(NDArray output, NDArray leaf, Runnable beforeBackward) {
        this(output, leaf, beforeBackward, null);
    }

    static TrunkCut of(
            MultiTaskBlock block, ParameterStore parameters, NDList features,
            Runnable beforeBackward) {
        NDArray output = block.trunk()
                .forward(parameters, block.embedInputs(parameters, features, true), true).head();
        NDArray leaf = output.stopGradient();
        leaf.setRequiresGradient(true);
        return new TrunkCut(output, leaf, beforeBackward);
    }

    /** Every head on the leaf. */
    NDList heads(MultiTaskBlock block, ParameterStore parameters) {
        return block.forwardHeads(parameters, leaf, true);
    }

    /** Backpropagates the leaf's gradient through the trunk (nothing when it has none). */
    void backwardTrunk(NDManager manager) {
        if (!leaf.hasGradient()) {
            return;
        }
        NDArray gradient = leaf.getGradient();
        gradient.attach(manager);
        beforeBackward.run();
        backwardFrom(gradient, false, manager);
    }

    /**
     * Backpropagates {@code gradient}, the objective's derivative by the leaf, through the trunk
     * (on every device the batch was split across); nothing where the trunk's output has no
     * gradient path ({@code freeze(...)} froze the trunk).
     */
    void backwardFrom(NDArray gradient, boolean keepGraph, NDManager manager) {
        if (shards == null) {
            Torch.backwardIfDifferentiable(output, gradient, keepGraph);
        } else {
            shards.backward(gradient, keepGraph, manager);
        }
    }
}
