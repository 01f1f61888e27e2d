package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Encoded rows kept sparse on the host (compressed rows: each row's non-zero features as slot and
 * value), so that a bag of words costs memory per word in a row rather than per word in the
 * vocabulary. {@link #dense} writes any rows back as the exact floats {@link
 * FeatureEncoder#encode(tech.tablesaw.api.Table, int[])} gives, one batch at a time.
 *
 * <p>Example:
 *
 * <pre>{@code
 * FeatureRows rows = encoder.encodeSparse(table, split.train());
 * FloatBuffer batch = FloatBuffer.allocate(2 * rows.width());
 * rows.dense(new int[] {7, 3}, 0, 2, batch); // rows 7 and 3 of the split, dense
 * }</pre>
 */
public final class FeatureRows {

    private final int width;
    private final int[] offsets;
    private final int[] slots;
    private final float[] values;

    FeatureRows(int width, int[] offsets, int[] slots, float[] values) {
        this.width = width;
        this.offsets = offsets;
        this.slots = slots;
        this.values = values;
    }

    /** Number of rows. */
    public int rows() {
        return offsets.length - 1;
    }

    /** Number of features per row. */
    public int width() {
        return width;
    }

    /** Number of non-zero features kept, over all rows. */
    public int nonZeros() {
        return offsets[offsets.length - 1];
    }

    /**
     * Writes rows {@code index[from..to)} densely into {@code out}, which must hold {@code (to -
     * from) × width()} zeroes: row {@code index[i]} goes to {@code out[(i - from) × width ...]}.
     */
    public void dense(int[] index, int from, int to, FloatBuffer out) {
        for (int i = from; i < to; i++) {
            write(index[i], (i - from) * width, out, false);
        }
    }

    /** As {@link #dense(int[], int, int, FloatBuffer)} for the rows {@code [from, to)}. */
    public void dense(int from, int to, FloatBuffer out) {
        for (int row = from; row < to; row++) {
            write(row, (row - from) * width, out, false);
        }
    }

    /**
     * Undoes {@link #dense(int[], int, int, FloatBuffer)} with the same arguments: zeroes where it
     * wrote, so that {@code out} can be used again without clearing all of it.
     */
    public void clear(int[] index, int from, int to, FloatBuffer out) {
        for (int i = from; i < to; i++) {
            write(index[i], (i - from) * width, out, true);
        }
    }

    /** Undoes {@link #dense(int, int, FloatBuffer)} with the same arguments. */
    public void clear(int from, int to, FloatBuffer out) {
        for (int row = from; row < to; row++) {
            write(row, (row - from) * width, out, true);
        }
    }

    private void write(int row, int base, FloatBuffer out, boolean zero) {
        for (int k = offsets[row]; k < offsets[row + 1]; k++) {
            out.put(base + slots[k], zero ? 0f : values[k]);
        }
    }

    /** Builds the compressed rows one row at a time, in order. */
    static final class Builder {
        private final int width;
        private final int[] offsets;
        private int[] slots = new int[1024];
        private float[] values = new float[1024];
        private int size;
        private int row;

        Builder(int width, int rows) {
            this.width = width;
            this.offsets = new int[rows + 1];
        }

        void add(int slot, float value) {
            if (value == 0f) {
                return;
            }
            if (size == slots.length) {
                int grown = Math.addExact(size, Math.max(1024, size / 2));
                slots = Arrays.copyOf(slots, grown);
                values = Arrays.copyOf(values, grown);
            }
            slots[size] = slot;
            values[size] = value;
            size++;
        }

        void endRow() {
            offsets[++row] = size;
        }

        FeatureRows build() {
            return new FeatureRows(width, offsets, Arrays.copyOf(slots, size),
                    Arrays.copyOf(values, size));
        }
    }
}
