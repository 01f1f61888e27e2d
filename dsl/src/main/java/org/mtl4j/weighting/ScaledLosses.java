package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;

/** A step's losses, each multiplied by its task's scale (in the graph); the rest unchanged. */
final class ScaledLosses implements StepLosses {

    private final StepLosses losses;
    private final NDArray scales;

    ScaledLosses(StepLosses losses, NDArray scales) {
        this.losses = losses;
        this.scales = scales;
    }

    @Override
    public List<String> tasks() {
        return losses.tasks();
    }

    @Override
    public NDArray loss(int task) {
        return losses.loss(task).mul(scales.get(new NDIndex("{}", task)));
    }

    @Override
    public boolean hasLabels(int task) {
        return losses.hasLabels(task);
    }

    @Override
    public NDArray stacked() {
        return losses.stacked().mul(scales);
    }

    @Override
    public NDManager manager() {
        return losses.manager();
    }

    @Override
    public void backward(NDArray objective) {
        losses.backward(objective);
    }

    @Override
    public void backwardKeepingGraph(NDArray objective) {
        losses.backwardKeepingGraph(objective);
    }

    @Override
    public NDArray trunkOutput() {
        return losses.trunkOutput();
    }
}
