package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mtl4j.data.FeatureRows;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.model.ModelParts;
import org.mtl4j.source.ChunkCursor;
import org.mtl4j.source.RowSource;
import org.mtl4j.spec.losses.LabelKind;
import tech.tablesaw.api.Table;

/**
 * An epoch's batches read from a source: chunks fill a buffer of {@code shuffleBuffer} rows (at
 * least a batch; one chunk more at most), the buffer is encoded once (features dense, or sparse
 * for bag-of-words text, and labels, as the in-memory fit encodes its split), the buffer's new
 * rows are put in an order drawn from the epoch's random generator (the source's order for
 * {@code shuffleBuffer(0)}), each batch is gathered from the encoded rows into one reused direct
 * buffer and copied into its tensor, and the rows short of a batch are carried to the front of
 * the next buffer (so they start its first batch: every row is trained on within one buffer of
 * being read, |position in the epoch − position in the source| &lt; shuffleBuffer + chunkRows +
 * batchSize). A buffer that holds the whole source gives the same order as the in-memory fit.
 *
 * <p>With {@code rehearsal(...)}, each filled buffer also gets the drawn old rows due by then,
 * a random subset that changes every epoch ({@link StreamedRehearsal}), and mixes them with its
 * new source rows: shuffled together with them, or, with {@code shuffleBuffer(0)}, put at
 * uniformly random places among them while the source's rows keep their order. So the old rows
 * are spread over the buffer's batches (a share f of each on average), never gathered at its end.
 * The labels of the batch read last stay on the host for the epoch's running metrics ({@link
 * #lastLabels()}).
 */
final class StreamedBatches implements BatchSequence {

    private final ModelParts parts;
    private final RowSource source;
    private final Random shuffle;
    private final int batchSize;
    private final int size;
    private final int fill;
    private final ChunkCursor cursor;
    private Table buffer;
    private int[] order = new int[0];
    private int position;
    private boolean exhausted;
    private ByteBuffer scratch = ByteBuffer.allocateDirect(0);
    /** The buffer's encoded features: dense rows, or sparse rows for text (the other null). */
    private float[] denseRows;
    private FeatureRows sparseRows;
    /** Per task, the buffer's encoded labels. */
    private List<LabelValues> bufferLabels = List.of();
    /** Per task, the labels of the batch read last. */
    private List<LabelValues> lastLabels;
    /** The old rows mixed in ({@code rehearsal(...)}), or null. */
    private final StreamedRehearsal rehearsal;
    /** Rows of the source read, and old rows added, so far this epoch. */
    private long sourceRead;
    private long oldAdded;
    /** The epoch's order of the drawn old rows, or null without rehearsal. */
    private final StreamedRehearsal.EpochOrder oldOrder;

    /**
     * @param columns the source's columns to read (the model's inputs and labels)
     * @param rows the epoch's rows (the source's, and the old rows of {@code rehearsal})
     * @param rehearsal the old rows to mix in, each buffer its due share, or null
     */
    StreamedBatches(ModelParts parts, RowSource source, List<String> columns, int rows,
            Random shuffle, int batchSize, StreamedRehearsal rehearsal) {
        this.rehearsal = rehearsal;
        this.oldOrder = rehearsal == null ? null : rehearsal.epochOrder(shuffle);
        this.parts = parts;
        this.source = source;
        this.shuffle = shuffle;
        this.batchSize = batchSize;
        this.size = (int) ((rows + (long) batchSize - 1) / batchSize);
        this.fill = Math.max(source.shuffleBuffer(), batchSize);
        this.cursor = source.open(columns);
        this.buffer = cursor.schema();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Batch batch(int b, NDManager manager) {
        if (order.length - position < batchSize && !exhausted) {
            refill();
        }
        int take = Math.min(batchSize, order.length - position);
        if (take == 0) {
            throw new IllegalStateException("Source '" + source.name() + "' ended after "
                    + b + " of the epoch's " + size + " batches: it has fewer rows than when"
                    + " fit() counted them. Keep the source unchanged while a fit reads it.");
        }
        int[] rows = Arrays.copyOfRange(order, position, position + take);
        position += take;
        return encode(rows, manager);
    }

    /** Carries the rows not yet trained on into a new buffer, fills it and orders it. */
    private void refill() {
        Table next = position == order.length ? buffer.emptyCopy()
                : Rehearsal.rowsInOrder(buffer, Arrays.copyOfRange(order, position, order.length));
        while (next.rowCount() < fill) {
            Table chunk = cursor.next();
            if (chunk == null) {
                exhausted = true;
                break;
            }
            next.append(chunk);
            sourceRead += chunk.rowCount();
        }
        int fromSource = next.rowCount() - carried();
        int oldRows = 0;
        if (rehearsal != null) {   // the old rows due after the source's rows read so far
            long due = rehearsal.dueAfter(sourceRead);
            if (due > oldAdded) {
                boolean wholeEpochShuffled = oldAdded == 0 && due == rehearsal.rows()
                        && source.shuffleBuffer() > 0;
                next.append(wholeEpochShuffled ? rehearsal.rows(0, due)   // the table's order
                        : rehearsal.rows(oldOrder.next((int) (due - oldAdded))));
                oldRows = (int) (due - oldAdded);
                oldAdded = due;
            }
        }
        int carried = carried();
        buffer = next;
        order = Split.allRows(buffer.rowCount());
        if (source.shuffleBuffer() > 0) {
            int[] fresh = Split.permutation(buffer.rowCount() - carried, shuffle);
            for (int i = 0; i < fresh.length; i++) {
                order[carried + i] = carried + fresh[i];
            }
        } else if (oldRows > 0) {   // the source's order, the old rows at random places in it
            interleave(carried, fromSource, oldRows);
        }
        position = 0;
        encodeBuffer();
    }

    /** The rows of the current buffer not yet trained on. */
    private int carried() {
        return order.length - position;
    }

    /**
     * Puts the buffer's {@code oldRows} old rows (its last rows) at uniformly random places among
     * its {@code fromSource} new source rows, which keep their order, after the {@code carried}
     * rows.
     */
    private void interleave(int carried, int fromSource, int oldRows) {
        int nextSource = carried;
        int nextOld = carried + fromSource;
        int sourceLeft = fromSource;
        int oldLeft = oldRows;
        for (int i = carried; i < order.length; i++) {
            if (shuffle.nextInt(sourceLeft + oldLeft) < oldLeft) {
                order[i] = nextOld++;
                oldLeft--;
            } else {
                order[i] = nextSource++;
                sourceLeft--;
            }
        }
    }

    /**
     * Encodes the buffer's rows once (as the in-memory fit encodes its split): bag-of-words
     * features stay sparse, others are dense rows.
     */
    private void encodeBuffer() {
        int[] all = Split.allRows(buffer.rowCount());
        if (parts.encoder().hasText()) {
            sparseRows = parts.encoder().encodeSparse(buffer, all);
            denseRows = null;
        } else {
            denseRows = parts.encoder().encode(buffer, all);
            sparseRows = null;
        }
        List<LabelValues> labels = new ArrayList<>();
        for (TaskLabels task : parts.labels()) {
            labels.add(task.encode(buffer, all));
        }
        bufferLabels = labels;
    }

    private Batch encode(int[] rows, NDManager manager) {
        NDArray features = features(rows, manager);
        List<TaskLabels> tasks = parts.labels();
        List<NDArray> labels = new ArrayList<>(tasks.size());
        List<NDArray> weights = new ArrayList<>(tasks.size());
        int[] counts = new int[tasks.size()];
        List<LabelValues> hostLabels = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            TaskLabels task = tasks.get(t);
            LabelValues values = gathered(bufferLabels.get(t), rows);
            hostLabels.add(values);
            labels.add(task.task().loss().labelKind() == LabelKind.CLASSES
                    ? Tensors.longs(manager, values.values())
                    : Tensors.floats(manager, values.values(), new Shape(rows.length),
                            parts.dataType()));
            counts[t] = values.labelled();
            float share = counts[t] == 0 ? 0f : 1f / counts[t];
            float[] rowWeights = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                rowWeights[r] = values.present()[r] ? share : 0f;
            }
            weights.add(counts[t] == 0 ? null : Tensors.floats(manager, rowWeights,
                    new Shape(rows.length), parts.dataType()));
        }
        lastLabels = hostLabels;
        return new Batch(features, labels, weights, counts);
    }

    @Override
    public List<LabelValues> lastLabels() {
        return lastLabels;
    }

    private static LabelValues gathered(LabelValues labels, int[] rows) {
        float[] values = new float[rows.length];
        boolean[] present = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            values[r] = labels.values()[rows[r]];
            present[r] = labels.present()[rows[r]];
        }
        return new LabelValues(values, present);
    }

    /** The rows' features, gathered into the scratch buffer and copied into a tensor. */
    private NDArray features(int[] rows, NDManager manager) {
        int width = parts.encoder().width();
        int floats = Math.multiplyExact(rows.length, width);
        if (scratch.capacity() < floats * Float.BYTES) {
            scratch = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
        }
        ByteBuffer used = scratch.duplicate().limit(floats * Float.BYTES).slice()
                .order(ByteOrder.nativeOrder());
        FloatBuffer out = used.asFloatBuffer();
        if (denseRows != null) {
            for (int r = 0; r < rows.length; r++) {
                out.put(denseRows, rows[r] * width, width);
            }
            out.clear();
        } else {
            out.put(new float[floats]).clear();
            sparseRows.dense(rows, 0, rows.length, out);
        }
        try (NDArray wrapped = manager.create(used, new Shape(rows.length, width),
                DataType.FLOAT32)) {
            return parts.dataType() == DataType.FLOAT32
                    ? wrapped.duplicate()
                    : wrapped.toType(parts.dataType(), true);
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
