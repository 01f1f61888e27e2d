package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Torch;
import org.mtl4j.weighting.ForwardingStepLosses;
import org.mtl4j.weighting.StepLosses;

/**
 * A step's losses whose every backward keeps the graph (the weighting's backward still has to
 * run) and, when the step is cut at the trunk output, goes on through the trunk, so that the
 * shared parameters get each task's gradient whatever the weighting: the {@link ConflictProbe}'s
 * view.
 */
final class KeptGraphLosses extends ForwardingStepLosses {

    private final TrunkCut cut;

    KeptGraphLosses(StepLosses losses, TrunkCut cut) {
        super(losses);
        this.cut = cut;
    }

    /** None: backward goes on through the trunk, so gradients reach the shared parameters. */
    @Override
    public NDArray trunkOutput() {
        return null;
    }

    @Override
    public void backward(NDArray objective) {
        backwardKeepingGraph(objective);
    }

    @Override
    public void backwardKeepingGraph(NDArray objective) {
        losses.backwardKeepingGraph(objective);
        if (cut != null && cut.leaf().hasGradient()) {
            NDArray gradient = cut.leaf().getGradient();
            gradient.attach(losses.manager());
            NDArray copy = gradient.duplicate();
            Torch.zeroGradient(cut.leaf());
            cut.backwardFrom(copy, true, losses.manager());
        }
    }
}
