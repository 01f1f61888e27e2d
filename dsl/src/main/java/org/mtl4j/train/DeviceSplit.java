package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.losses.LabelKind;
import tech.tablesaw.api.Table;

/**
 * The encoded rows of one split, uploaded once (features as {@link SplitFeatures}) and per task
 * the labels (int64 class indices or values) with their presence kept on the host.
 */
final class DeviceSplit implements TrainingRows {

    private final int rows;
    private final SplitFeatures features;
    private final List<NDArray> labels;
    private final List<LabelValues> hostLabels;
    private final DataType dataType;
    private final UploadBuffer uploads = new UploadBuffer();

    private DeviceSplit(
            int rows,
            SplitFeatures features,
            List<NDArray> labels,
            List<LabelValues> hostLabels,
            DataType dataType) {
        this.rows = rows;
        this.features = features;
        this.labels = labels;
        this.hostLabels = hostLabels;
        this.dataType = dataType;
    }

    static DeviceSplit upload(ModelParts parts, Table table, int[] rows, NDManager manager) {
        DataType dataType = parts.dataType();
        SplitFeatures features = encode(parts, table, rows, manager);
        List<NDArray> labels = new ArrayList<>();
        List<LabelValues> host = new ArrayList<>();
        for (TaskLabels task : parts.labels()) {
            LabelValues values = task.encode(table, rows);
            host.add(values);
            labels.add(task.task().loss().labelKind() == LabelKind.CLASSES
                    ? Tensors.longs(manager, values.values())
                    : Tensors.floats(
                            manager, values.values(), new Shape(rows.length), dataType));
        }
        return new DeviceSplit(rows.length, features, labels, host, dataType);
    }

    /** Features only, for prediction (no label columns needed). */
    static DeviceSplit features(ModelParts parts, Table table, int[] rows, NDManager manager) {
        return new DeviceSplit(rows.length, encode(parts, table, rows, manager), List.of(),
                List.of(), parts.dataType());
    }

    /**
     * A bag of words stays sparse on the host (memory per word in a row, not per word in the
     * vocabulary), made dense a batch at a time; other features go to the device once. {@code
     * -Dmtl4j.sparseText=false} uploads text densely too (for comparison).
     */
    private static SplitFeatures encode(ModelParts parts, Table table, int[] rows,
            NDManager manager) {
        return parts.encoder().hasText()
                && !"false".equals(System.getProperty("mtl4j.sparseText"))
                ? new SplitFeatures.OnHost(parts.encoder().encodeSparse(table, rows),
                        parts.dataType())
                : new SplitFeatures.OnDevice(Tensors.features(
                        manager, parts.encoder(), table, rows, parts.dataType()));
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public List<LabelValues> hostLabels() {
        return hostLabels;
    }

    /** The epoch's batches in a permutation of the split's rows drawn from {@code shuffle}. */
    @Override
    public EpochPass epoch(NDManager manager, java.util.Random shuffle, int batchSize) {
        int[] order = org.mtl4j.data.Split.permutation(rows, shuffle);
        return new EpochPass(epoch(manager, order, batchSize), order);
    }

    /**
     * Rows per evaluation chunk: at most {@code max}, fewer for wide features (a chunk's dense
     * features hold at most {@link EpochBatches#WINDOW_BYTES}).
     */
    int chunkRows(int max) {
        long rowBytes = Math.max(1, features.width()) * dataType.getNumOfBytes();
        return (int) Math.max(1, Math.min(max, EpochBatches.WINDOW_BYTES / rowBytes));
    }

    /** Rows {@code [from, to)}: features and labels, as views owned by {@code manager}. */
    NDArray features(NDManager manager, int from, int to) {
        return features.range(manager, from, to);
    }

    NDArray labels(NDManager manager, int task, int from, int to) {
        return labels.get(task).get(manager, new NDIndex(from + ":" + to));
    }

    /**
     * 1 for the rows {@code [from, to)} with a label for {@code task}, else 0, as a tensor of
     * {@code dataType} owned by {@code manager} (written through the split's upload buffer: no
     * host array or direct buffer per chunk).
     */
    NDArray labelledMask(NDManager manager, int task, int from, int to, DataType dataType) {
        boolean[] present = hostLabels.get(task).present();
        return uploads.copy(manager, to - from, i -> present[from + i] ? 1f : 0f, dataType);
    }

    /** The training batch of the split's rows {@code index}, owned by {@code manager}. */
    Batch batch(NDManager manager, int[] index) {
        return epoch(manager, index, Math.max(1, index.length)).batch(0, manager);
    }

    /**
     * The split's rows in the order {@code order}, cut into batches of {@code batchSize} and
     * gathered a window of batches at a time ({@link EpochBatches}), owned by {@code manager}.
     *
     * <p>{@code manager} must stay open while the batches are used.
     */
    EpochBatches epoch(NDManager manager, int[] order, int batchSize) {
        batchSize = Math.min(batchSize, Math.max(1, order.length)); // no int overflow below
        int batches = (order.length + batchSize - 1) / batchSize;
        int[][] counts = new int[batches][labels.size()];
        List<boolean[]> present = new ArrayList<>(labels.size());
        for (int t = 0; t < labels.size(); t++) {
            boolean[] labelled = hostLabels.get(t).present();
            present.add(labelled);
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(order.length, from + batchSize);
                for (int r = from; r < to; r++) {
                    counts[b][t] += labelled[order[r]] ? 1 : 0;
                }
            }
        }
        return new EpochBatches(features, labels, present, counts, order, batchSize, dataType,
                manager, EpochBatches.WINDOW_BYTES, uploads);
    }

    /** Throws if a task with labels in {@code table} has none in this (training) split. */
    void requireLabels(List<TaskLabels> tasks, int validationRows, Table table) {
        for (int t = 0; t < tasks.size(); t++) {
            if (hostLabels.get(t).labelled() == 0 && labelledAnywhere(tasks.get(t), table)) {
                String name = tasks.get(t).task().name();
                throw new IllegalArgumentException(
                        "Task '" + name + "' has no labelled row in the training split ("
                                + rows + " rows; its labels all fell in the " + validationRows
                                + " validation rows). Lower validationSplit(...), change seed(...)"
                                + " or add labels.");
            }
        }
    }

    /**
     * Whether {@code table} has a label of the task at all (a later fit may carry none for a
     * task, e.g. a new task's rows for the old ones: that task sits the fit out).
     */
    private static boolean labelledAnywhere(TaskLabels task, Table table) {
        String name = task.task().labelColumn();
        return table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name))
                .anyMatch(c -> c.countMissing() < c.size());
    }
}
