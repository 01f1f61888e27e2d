package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One training batch on the device. {@code rowWeights.get(t)} is 1/count on the rows labelled for
 * task t and 0 elsewhere, so {@code Σ perExample · rowWeights} is the mean loss over labelled rows
 * with no division on the device; it is null when the batch has no label for the task.
 */
record Batch(NDArray features, List<NDArray> labels, List<NDArray> rowWeights, int[] counts) {

    boolean hasLabels(int task) {
        return counts[task] > 0;
    }
}
