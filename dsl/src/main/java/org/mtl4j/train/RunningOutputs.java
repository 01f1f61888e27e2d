package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.engine.Torch;

/**
 * The heads' outputs of an epoch's training steps, kept on the device and copied to the host once
 * at the epoch's end: the training metrics of a fit without a validation split are running
 * values over the epoch, as in Keras, rather than a second forward pass over the training split.
 * They see the model as it was at each step (with dropout active). Each step keeps one array,
 * the measured tasks' outputs side by side, whatever the number of tasks.
 */
final class RunningOutputs {

    private final boolean[] measured;
    private final NDManager epochManager;
    private final NDList steps = new NDList();
    private int[] widths;

    /**
     * @param measured whether each task has metrics (only those tasks' outputs are kept)
     * @param epochManager the manager that holds the outputs until the epoch ends
     */
    RunningOutputs(boolean[] measured, NDManager epochManager) {
        this.measured = measured.clone();
        this.epochManager = epochManager;
    }

    /** Keeps a detached copy of one step's measured outputs (batch rows in shuffled order). */
    void add(NDList outputs) {
        if (widths == null) {
            widths = new int[measured.length];
            for (int t = 0; t < measured.length; t++) {
                widths[t] = (int) outputs.get(t).getShape().get(1);
            }
        }
        NDList kept = new NDList();
        for (int t = 0; t < measured.length; t++) {
            if (measured[t]) {
                kept.add(outputs.get(t));
            }
        }
        NDArray side = kept.size() == 1 ? kept.head() : Torch.cat(kept, 1);
        // a concatenation made while autograd does not record (after the step's collector
        // closed) is outside the graph already: no detached copy needed
        NDArray detached = kept.size() > 1 && !Torch.recording() ? side : side.stopGradient();
        detached.attach(epochManager);
        steps.add(detached);
    }

    /**
     * Each task's outputs (rows × outputs, flattened) in the split's row order; empty for a task
     * without metrics.
     *
     * @param order the epoch's permutation: step row i was split row {@code order[i]}
     */
    List<float[]> inRowOrder(int[] order) {
        float[] shuffled = Tensors.toFloats(Torch.cat(steps, 0));
        int total = shuffled.length / order.length;
        List<float[]> result = new ArrayList<>();
        int column = 0;
        for (int t = 0; t < measured.length; t++) {
            if (!measured[t]) {
                result.add(new float[0]);
                continue;
            }
            int width = widths[t];
            float[] ordered = new float[order.length * width];
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(shuffled, i * total + column, ordered, order[i] * width, width);
            }
            result.add(ordered);
            column += width;
        }
        return result;
    }
}
