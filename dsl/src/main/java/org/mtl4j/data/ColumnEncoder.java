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

    /** A short description for model summaries, e.g. {@code island: one-hot over 3 levels}. */
    String describe();

    /** What the encoder learnt, for saving. */
    EncoderState state();
}
