package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.engine.Torch;

/**
 * One epoch's training batches, gathered from the split in the epoch's order a window of batches
 * at a time (see {@link DeviceSplit#epoch}): one gather per array and window, then one split into
 * batch views, so that the epoch never holds a second copy of the whole split. The labelled-row
 * counts of every batch are kept on the host; a window's row indices and row weights are written
 * into the fit's one {@link UploadBuffer} (no host array, no direct buffer per window).
 */
final class EpochBatches implements BatchSequence {

    /** Bytes of features a window holds at most by default (at least one batch). */
    static final long WINDOW_BYTES = 4L << 20;

    private final SplitFeatures features;
    private final List<NDArray> labels;
    private final List<boolean[]> present;
    private final int[][] counts;
    private final int[] order;
    private final int batchSize;
    private final int windowBatches;
    private final DataType dataType;
    private final NDManager epochManager;
    private final UploadBuffer uploads;
    private NDManager window;
    private int windowStart = -1;
    private NDList windowFeatures;
    private List<NDList> windowLabels;
    private List<NDList> windowWeights;

    /**
     * @param features the split's features (rows × width)
     * @param labels per task, the split's labels
     * @param present per task, whether each of the split's rows has a label
     * @param counts per batch and task, the labelled rows
     * @param order the epoch's permutation of the split's rows
     * @param epochManager owns the windows until the epoch ends
     * @param windowBytes bytes of features a window holds at most (at least one batch)
     * @param uploads the buffer a window's indices and row weights are written into
     */
    EpochBatches(SplitFeatures features, List<NDArray> labels, List<boolean[]> present,
            int[][] counts, int[] order, int batchSize, DataType dataType, NDManager epochManager,
            long windowBytes, UploadBuffer uploads) {
        this.features = features;
        this.labels = labels;
        this.present = present;
        this.counts = counts;
        this.order = order;
        this.batchSize = batchSize;
        long rowBytes = Math.max(1, features.width()) * dataType.getNumOfBytes();
        this.windowBatches = (int) Math.max(1, windowBytes / rowBytes / batchSize);
        this.dataType = dataType;
        this.epochManager = epochManager;
        this.uploads = uploads;
    }

    /** Number of batches. */
    @Override
    public int size() {
        return counts.length;
    }

    /**
     * Batch {@code b}, its views moved to {@code manager} so that everything the step computes
     * from them is freed with it. Batches are read in order; reading one of another window
     * frees the current window.
     */
    @Override
    public Batch batch(int b, NDManager manager) {
        int start = b / windowBatches * windowBatches;
        if (start != windowStart) {
            gather(start);
        }
        int i = b - start;
        NDArray batchFeatures = moved(windowFeatures.get(i), manager);
        List<NDArray> batchLabels = new ArrayList<>(labels.size());
        List<NDArray> weights = new ArrayList<>(labels.size());
        for (int t = 0; t < labels.size(); t++) {
            batchLabels.add(moved(windowLabels.get(t).get(i), manager));
            NDArray taskWeights = moved(windowWeights.get(t).get(i), manager);
            weights.add(counts[b][t] == 0 ? null : taskWeights);
        }
        return new Batch(batchFeatures, batchLabels, weights, counts[b]);
    }

    /**
     * Gathers the window of batches from {@code start}. Its manager stays open while its views
     * are used. The uploaded indices are closed once gathered from, and the row weights are a
     * copy, so that the upload buffer is free for the next window.
     */
    private void gather(int start) {
        if (window != null) {
            window.close();
        }
        window = epochManager.newSubManager();
        windowStart = start;
        int from = start * batchSize;
        int to = (int) Math.min(order.length, (long) (start + windowBatches) * batchSize);
        windowLabels = new ArrayList<>(labels.size());
        windowWeights = new ArrayList<>(labels.size());
        try (NDArray index = uploads.indices(window, order, from, to)) {
            windowFeatures = Torch.split(features.rows(window, index, order, from, to),
                    batchSize, 0);
            NDIndex rows = new NDIndex("{}", index);
            for (NDArray taskLabels : labels) {
                windowLabels.add(Torch.split(taskLabels.get(window, rows), batchSize, 0));
            }
        }
        for (int t = 0; t < labels.size(); t++) {
            int task = t;
            windowWeights.add(Torch.split(uploads.copy(window, to - from,
                    i -> rowWeight(task, from + i), dataType), batchSize, 0));
        }
    }

    /**
     * The weight of the epoch's row {@code r} for task {@code t}: 1/(labelled rows of its batch)
     * if it has a label, else 0 (a float, as the step multiplies by it).
     */
    private float rowWeight(int t, int r) {
        if (!present.get(t)[order[r]]) {
            return 0f;
        }
        int labelled = counts[r / batchSize][t];
        return labelled == 0 ? 0f : 1f / labelled;
    }

    private static NDArray moved(NDArray view, NDManager manager) {
        view.attach(manager);
        return view;
    }
}
