package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** A step's losses, each multiplied by its task's scale (in the graph); the rest unchanged. */
final class ScaledLosses extends ForwardingStepLosses {

    private final NDArray scales;

    ScaledLosses(StepLosses losses, NDArray scales) {
        super(losses);
        this.scales = scales;
    }

    @Override
    public NDArray loss(int task) {
        return losses.loss(task).mul(scales.get(new NDIndex("{}", task)));
    }

    @Override
    public NDArray stacked() {
        return losses.stacked().mul(scales);
    }
}
