package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;

/** Backpropagates {@code Σ_t w_t · L_t} with fixed weights. */
final class ConstantWeigher implements TaskWeigher {

    private final NDArray weights;

    ConstantWeigher(NDArray weights) {
        this.weights = weights;
    }

    @Override
    public NDArray backward(StepLosses losses) {
        losses.backward(losses.stacked().mul(weights).sum());
        return weights;
    }
}
