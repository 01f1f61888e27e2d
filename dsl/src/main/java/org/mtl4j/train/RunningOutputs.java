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

    RunningOutputs(int tasks, NDManager epochManager) {
        for (int t = 0; t < tasks; t++) {
            perTask.add(new NDList());
        }
        this.epochManager = epochManager;
    }

    /** Keeps one step's outputs (one array per task, batch rows in shuffled order). */
    void add(NDList outputs) {
        for (int t = 0; t < perTask.size(); t++) {
            NDArray output = outputs.get(t);
            output.attach(epochManager);
            perTask.get(t).add(output);
        }
    }

    /**
     * Each task's outputs (rows × outputs, flattened) in the split's row order.
     *
     * @param order the epoch's permutation: step row i was split row {@code order[i]}
     */
    List<float[]> inRowOrder(int[] order) {
        List<float[]> result = new ArrayList<>();
        for (NDList steps : perTask) {
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
