package org.mtl4j.model;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared part of a multi-task network: takes {@code NDList(features)} and returns one
 * representation per task, in task order, each of shape (batch, width), which feeds that task's
 * head. Implementations: {@link HardSharingBlock} (a trunk computed once), {@link
 * MixtureOfExpertsBlock} (OMoE, MMoE, CGC, PLE) and {@link CrossStitchBlock}.
 *
 * <p>Works in a hand-written DJL loop too:
 *
 * <pre>{@code
 * SharingBlock shared = MixtureOfExpertsBlock.of(
 *     MixtureOfExperts.mmoe(8, List.of(dense(16), relu())), 2);
 * shared.initialize(manager, DataType.FLOAT32, new Shape(1, 100));
 * NDList perTask = shared.forward(store, new NDList(x), true);   // 2 arrays (batch, 16)
 * }</pre>
 *
 * <p>{@link #getParameters()} lists the parameters in forward order (the order in which the
 * forward pass first uses them): gradient-based weighting strategies take per-task gradients of
 * exactly these.
 */
public abstract class SharingBlock extends AbstractBlock {

    /** Set once every parameter has an array (see {@link #isInitialized()}). */
    private boolean initialized;

    /** A block of version 1. */
    protected SharingBlock() {}

    /**
     * Whether every parameter has an array; once true it stays true, so that the forward of every
     * step does not list the shared part's parameters again (as {@code MultiTaskBlock}'s).
     */
    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }

    /** Number of tasks, the size of the output list. */
    public abstract int tasks();

    /**
     * The weights of the last shared layer, for methods that measure gradients there (GradNorm):
     * hard sharing: the trunk's last dense weight; mixture of experts: the last dense weight of
     * every shared expert of the last level; cross-stitch: the last cross-stitch unit. Empty
     * without shared weights (an empty trunk). Valid after initialisation.
     */
    public abstract List<Parameter> lastSharedLayer();

    /**
     * The last parameter with 2 dimensions or more of {@code block} (a dense or convolution
     * weight), if any.
     */
    static List<Parameter> lastMatrix(Block block) {
        List<Parameter> matrices = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.getArray().getShape().dimension() >= 2) {
                matrices.clear();
                matrices.add(parameter);
            }
        }
        return matrices;
    }
}
