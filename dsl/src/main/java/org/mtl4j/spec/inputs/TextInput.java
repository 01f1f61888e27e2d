package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * A text column as a bag of words. Tokenisation: lower-case (root locale), apostrophes removed
 * ({@code don't} → {@code dont}), then every maximal run of Unicode letters and digits is a token.
 * Each row becomes a vector of {@code log(1 + count)} per token slot, scaled to unit length.
 *
 * <p>Slots are either hashed buckets (default: 4096 buckets, no fitting, unseen words still count)
 * or a vocabulary of the most frequent tokens in the training split (ties broken alphabetically;
 * out-of-vocabulary words are ignored).
 *
 * <p>Example: {@code text("review")}, {@code text("review").buckets(1024)} or {@code
 * text("review").vocabulary(5000)}
 *
 * @param column the text column
 * @param vocabulary true for a vocabulary, false for hashing
 * @param size number of buckets or vocabulary size, at least 1
 */
public record TextInput(String column, boolean vocabulary, int size) implements Input {

    /** Default number of hash buckets. */
    public static final int DEFAULT_BUCKETS = 4096;

    /** Validates the settings. */
    public TextInput {
        InputColumns.check("text", List.of(column));
        if (size < 1) {
            String call = vocabulary ? "vocabulary" : "buckets";
            throw new IllegalArgumentException(
                    "text(\"" + column + "\")." + call + "() needs a size of at least 1. Received: "
                            + call + "(" + size + "). Use e.g. " + call + "(4096).");
        }
    }

    /** Hashing into {@code buckets} slots. */
    public TextInput buckets(int buckets) {
        return new TextInput(column, false, buckets);
    }

    /** A vocabulary of the {@code size} most frequent training tokens. */
    public TextInput vocabulary(int size) {
        return new TextInput(column, true, size);
    }

    /**
     * The mean of learnt token vectors of {@code dimension} numbers instead of a bag of words,
     * over the same token slots; see {@link TextEmbeddingBag} (defaults: mean, 256 tokens).
     */
    public TextEmbeddingBag embeddingBag(int dimension) {
        return new TextEmbeddingBag(column, vocabulary, size, dimension, "mean",
                TextEmbeddingBag.DEFAULT_MAX_TOKENS);
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public String toString() {
        String base = "text(\"" + column + "\")";
        if (vocabulary) {
            return base + ".vocabulary(" + size + ")";
        }
        return size == DEFAULT_BUCKETS ? base : base + ".buckets(" + size + ")";
    }
}
