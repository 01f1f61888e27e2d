package org.mtl4j.data;

import java.nio.FloatBuffer;
import tech.tablesaw.api.Table;

/** Turns one input column into {@link #width()} features per row, fitted on the training split. */
interface ColumnEncoder {

    /** Number of features this column becomes. */
    int width();

    /**
     * Writes the features of {@code rows} into {@code out}: row {@code r} of {@code rows} goes to
     * {@code out[r * stride + offset ...]} (absolute puts; {@code out} starts zeroed and its
     * position is left alone).
     */
    void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset);

    /** Receives a row's features: its index in the rows given, slot (in this column) and value. */
    interface Entries {
        void accept(int row, int slot, float value);
    }

    /**
     * Gives every feature of {@code rows} to {@code entries}, row by row (zeroes may be left out).
     * This default encodes the rows densely; sparse encoders give only their non-zero features.
     */
    default void entries(Table table, int[] rows, Entries entries) {
        float[] dense = new float[Math.multiplyExact(rows.length, width())];
        encode(table, rows, FloatBuffer.wrap(dense), width(), 0);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < width(); c++) {
                entries.accept(r, c, dense[r * width() + c]);
            }
        }
    }

    /** A short description for model summaries, e.g. {@code island: one-hot over 3 levels}. */
    String describe();

    /** What the encoder learnt, for saving. */
    EncoderState state();
}
