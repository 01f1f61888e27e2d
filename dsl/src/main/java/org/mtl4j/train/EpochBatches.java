package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.engine.Torch;

/**
 * One epoch's training batches, gathered from the split in the epoch's order a window of batches
 * at a time (see {@link DeviceSplit#epoch}): one gather per array and window, then one split into
 * batch views, so that the epoch never holds a second copy of the whole split. The labelled-row
 * counts and the row weights of every batch are kept on the host.
 */
final class EpochBatches implements BatchSequence {

    /** Bytes of features a window holds at most by default (at least one batch). */
    static final long WINDOW_BYTES = 4L << 20;

    private final SplitFeatures features;
    private final List<NDArray> labels;
    private final float[][] rowWeights;
    private final int[][] counts;
    private final int[] order;
    private final int batchSize;
    private final int windowBatches;
    private final DataType dataType;
    private final NDManager epochManager;
    private NDManager window;
    private int windowStart = -1;
    private NDList windowFeatures;
    private List<NDList> windowLabels;
    private List<NDList> windowWeights;

    /**
     * @param features the split's features (rows × width)
     * @param labels per task, the split's labels
     * @param rowWeights per task, every epoch row's weight (in epoch order)
     * @param counts per batch and task, the labelled rows
     * @param order the epoch's permutation of the split's rows
     * @param epochManager owns the windows until the epoch ends
     * @param windowBytes bytes of features a window holds at most (at least one batch)
     */
    EpochBatches(SplitFeatures features, List<NDArray> labels, float[][] rowWeights, int[][] counts,
            int[] order, int batchSize, DataType dataType, NDManager epochManager,
            long windowBytes) {
        this.features = features;
        this.labels = labels;
        this.rowWeights = rowWeights;
        this.counts = counts;
        this.order = order;
        this.batchSize = batchSize;
        long rowBytes = Math.max(1, features.width()) * dataType.getNumOfBytes();
        this.windowBatches = (int) Math.max(1, windowBytes / rowBytes / batchSize);
        this.dataType = dataType;
        this.epochManager = epochManager;
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
     * are used: on the CPU the row weights are a tensor over a Java buffer that only the whole
     * array keeps alive, not its views.
     */
    private void gather(int start) {
        if (window != null) {
            window.close();
        }
        window = epochManager.newSubManager();
        windowStart = start;
        int from = start * batchSize;
        int to = (int) Math.min(order.length, (long) (start + windowBatches) * batchSize);
        NDIndex rows = new NDIndex("{}", window.create(
                Arrays.stream(order, from, to).asLongStream().toArray()));
        windowFeatures = Torch.split(features.rows(window, order, from, to), batchSize, 0);
        windowLabels = new ArrayList<>(labels.size());
        windowWeights = new ArrayList<>(labels.size());
        for (int t = 0; t < labels.size(); t++) {
            windowLabels.add(Torch.split(labels.get(t).get(window, rows), batchSize, 0));
            float[] weights = Arrays.copyOfRange(rowWeights[t], from, to);
            windowWeights.add(Torch.split(Tensors.floats(
                    window, weights, new Shape(weights.length), dataType), batchSize, 0));
        }
    }

    private static NDArray moved(NDArray view, NDManager manager) {
        view.attach(manager);
        return view;
    }
}
