package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The heads' outputs of an epoch's training steps, kept on the device and copied to the host once
 * at the epoch's end: the training metrics of a fit without a validation split are running
 * values over the epoch, as in Keras, rather than a second forward pass over the training split.
 * They see the model as it was at each step (with dropout active).
 */
final class RunningOutputs {

    private final List<NDList> perTask = new ArrayList<>();
    private final NDManager epochManager;

    /**
     * @param measured whether each task has metrics (only those tasks' outputs are kept)
     * @param epochManager the manager that holds the outputs until the epoch ends
     */
    RunningOutputs(boolean[] measured, NDManager epochManager) {
        for (boolean keep : measured) {
            perTask.add(keep ? new NDList() : null);
        }
        this.epochManager = epochManager;
    }

    /** Keeps a detached copy of one step's outputs (per task, batch rows in shuffled order). */
    void add(NDList outputs) {
        for (int t = 0; t < perTask.size(); t++) {
            if (perTask.get(t) == null) {
                continue;
            }
            NDArray output = outputs.get(t).stopGradient();
            output.attach(epochManager);
            perTask.get(t).add(output);
        }
    }

    /**
     * Each task's outputs (rows × outputs, flattened) in the split's row order; empty for a task
     * without metrics.
     *
     * @param order the epoch's permutation: step row i was split row {@code order[i]}
     */
    List<float[]> inRowOrder(int[] order) {
        List<float[]> result = new ArrayList<>();
        for (NDList steps : perTask) {
            if (steps == null) {
                result.add(new float[0]);
                continue;
            }
            float[] shuffled = Tensors.toFloats(NDArrays.concat(steps));
            int width = shuffled.length / order.length;
            float[] ordered = new float[shuffled.length];
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(shuffled, i * width, ordered, order[i] * width, width);
            }
            result.add(ordered);
        }
        return result;
    }
}
