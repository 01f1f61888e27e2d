package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A view of a step's losses that passes every call on to the losses it wraps; a subclass
 * overrides what its view changes (scaled losses, a backward that keeps the graph).
 *
 * <p>Example:
 *
 * <pre>{@code
 * StepLosses doubled = new ForwardingStepLosses(losses) {
 *     public NDArray stacked() {
 *         return super.stacked().mul(two);
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingStepLosses implements StepLosses {

    /** The losses every call goes to unless overridden. */
    protected final StepLosses losses;

    protected ForwardingStepLosses(StepLosses losses) {
        this.losses = losses;
    }

    @Override
    public List<String> tasks() {
        return losses.tasks();
    }

    @Override
    public NDArray loss(int task) {
        return losses.loss(task);
    }

    @Override
    public boolean hasLabels(int task) {
        return losses.hasLabels(task);
    }

    @Override
    public NDArray stacked() {
        return losses.stacked();
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
