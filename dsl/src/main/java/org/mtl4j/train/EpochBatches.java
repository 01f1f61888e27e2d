package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * One epoch's training batches: views into the split's rows gathered once in the epoch's order
 * (see {@link DeviceSplit#epoch}), with the labelled-row counts of every batch kept on the host.
 */
final class EpochBatches {

    private final NDList features;
    private final List<NDList> labels;
    private final List<NDList> rowWeights;
    private final int[][] counts;

    EpochBatches(NDList features, List<NDList> labels, List<NDList> rowWeights, int[][] counts) {
        this.features = features;
        this.labels = labels;
        this.rowWeights = rowWeights;
        this.counts = counts;
    }

    /** Number of batches. */
    int size() {
        return counts.length;
    }

    /**
     * Batch {@code b}, its views moved to {@code manager} so that everything the step computes
     * from them is freed with it.
     */
    Batch batch(int b, NDManager manager) {
        NDArray batchFeatures = moved(features.get(b), manager);
        List<NDArray> batchLabels = new ArrayList<>(labels.size());
        List<NDArray> weights = new ArrayList<>(labels.size());
        for (int t = 0; t < labels.size(); t++) {
            batchLabels.add(moved(labels.get(t).get(b), manager));
            NDArray taskWeights = moved(rowWeights.get(t).get(b), manager);
            weights.add(counts[b][t] == 0 ? null : taskWeights);
        }
        return new Batch(batchFeatures, batchLabels, weights, counts[b]);
    }

    private static NDArray moved(NDArray view, NDManager manager) {
        view.attach(manager);
        return view;
    }
}
