package org.mtl4j.data;

import java.util.List;

/**
 * What one input column's encoder learnt from the training split, as plain values: what a saved
 * model keeps so that a loaded one encodes rows exactly as before.
 *
 * <p>Example: {@code parts.encoder().state()} is e.g. {@code [Numeric[column=x1, mean=0.1,
 * scale=2.0], OneHot[column=island, levels=[Biscoe, Dream, Torgersen]]]}, and {@code
 * FeatureEncoder.restore(spec.inputs(), states)} rebuilds the encoder.
 */
public sealed interface EncoderState {

    /** The column the encoder reads. */
    String column();

    /**
     * A standardised number column.
     *
     * @param column the column
     * @param mean the training split's mean
     * @param scale the training split's standard deviation (1 where it was 0)
     */
    record Numeric(String column, double mean, double scale) implements EncoderState {}

    /**
     * A one-hot categorical column.
     *
     * @param column the column
     * @param levels the training split's levels, in slot order
     */
    record OneHot(String column, List<String> levels) implements EncoderState {

        /** Copies the levels. */
        public OneHot {
            levels = List.copyOf(levels);
        }
    }

    /**
     * A bag-of-words text column.
     *
     * @param column the column
     * @param vocabulary the tokens in slot order for {@code .vocabulary(n)}; empty for hashed
     *     buckets (the buckets are fixed by the hash and {@code text(...).buckets(n)})
     */
    record Text(String column, List<String> vocabulary) implements EncoderState {

        /** Copies the vocabulary. */
        public Text {
            vocabulary = List.copyOf(vocabulary);
        }
    }

    /**
     * A categorical column embedded as table indices.
     *
     * @param column the column
     * @param levels the table's levels (of every column sharing it), row {@code i + 1} for level
     *     {@code i}; empty when hashed (the rows are fixed by the hash and {@code .hashed(n)})
     */
    record Indexed(String column, List<String> levels) implements EncoderState {

        /** Copies the levels. */
        public Indexed {
            levels = List.copyOf(levels);
        }
    }

    /**
     * A text column embedded as a bag of token indices.
     *
     * @param column the column
     * @param vocabulary the tokens in slot order for a vocabulary; empty for hashed buckets
     * @param length the token indices kept per row
     */
    record Tokens(String column, List<String> vocabulary, int length) implements EncoderState {

        /** Copies the vocabulary. */
        public Tokens {
            vocabulary = List.copyOf(vocabulary);
        }
    }

    /**
     * An image column (nothing learnt: pixels are divided by 255).
     *
     * @param column the column
     */
    record Image(String column) implements EncoderState {}
}
