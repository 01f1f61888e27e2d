package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * A text column as the mean (default) or sum of learnt token vectors, an embedding bag (PyTorch's
 * {@code nn.EmbeddingBag}), beside the bag of words of {@link TextInput}: the same tokenizer and
 * the same token slots (hashed buckets, or a vocabulary of the most frequent training tokens with
 * out-of-vocabulary words left out), each slot a learnt vector of {@code dimension} numbers
 * starting as N(0, 1).
 *
 * <p>A row's tokens travel to the device as a padded list of token indices (index 0 is padding,
 * masked out; repeats kept, in text order), as long as the longest row of the training split but
 * at most {@code maxTokens}: tokens after the first {@code maxTokens} of a row are left out. A row
 * without a token gives the zero vector.
 *
 * <p>Example: {@code text("review").embeddingBag(64)}, {@code
 * text("review").vocabulary(5000).embeddingBag(32).sum().maxTokens(100)}
 *
 * <p>Defaults: the text input's slots (4096 hashed buckets), mean, at most 256 tokens per row.
 *
 * @param column the text column
 * @param vocabulary true for a vocabulary, false for hashing
 * @param size number of buckets or vocabulary size, at least 1
 * @param dimension numbers per token, at least 1
 * @param mode {@code "mean"} or {@code "sum"}
 * @param maxTokens the most tokens of a row that count, at least 1
 */
public record TextEmbeddingBag(String column, boolean vocabulary, int size, int dimension,
        String mode, int maxTokens) implements Input {

    /** Default number of tokens of a row that count. */
    public static final int DEFAULT_MAX_TOKENS = 256;

    /** Validates the settings. */
    public TextEmbeddingBag {
        String base = new TextInput(column, vocabulary, size) + ".embeddingBag(" + dimension + ")";
        if (dimension < 1) {
            throw new IllegalArgumentException(base + " needs a dimension of at least 1."
                    + " Received: embeddingBag(" + dimension + "). Use e.g. embeddingBag(64).");
        }
        if (!"mean".equals(mode) && !"sum".equals(mode)) {
            throw new IllegalArgumentException(base + " combines tokens by \"mean\" or \"sum\"."
                    + " Received: mode=" + mode + ". Use .mean() or .sum().");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException(base + ".maxTokens(" + maxTokens + ") needs at"
                    + " least 1 token. Received: maxTokens(" + maxTokens + "). Use e.g."
                    + " maxTokens(256).");
        }
        if ((long) size + 1 > CategoricalEmbedding.MAX_TABLE_ROWS) {
            throw new IllegalArgumentException(base + " has too many token slots for a table."
                    + " Received: size " + size + ". Use at most "
                    + (CategoricalEmbedding.MAX_TABLE_ROWS - 1) + ".");
        }
    }

    /** The mean of the row's token vectors (the default). */
    public TextEmbeddingBag mean() {
        return new TextEmbeddingBag(column, vocabulary, size, dimension, "mean", maxTokens);
    }

    /** The sum of the row's token vectors. */
    public TextEmbeddingBag sum() {
        return new TextEmbeddingBag(column, vocabulary, size, dimension, "sum", maxTokens);
    }

    /** At most {@code tokens} tokens of a row count (default 256). */
    public TextEmbeddingBag maxTokens(int tokens) {
        return new TextEmbeddingBag(column, vocabulary, size, dimension, mode, tokens);
    }

    /** The bag-of-words input whose tokens and slots this input uses. */
    public TextInput text() {
        return new TextInput(column, vocabulary, size);
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public String toString() {
        return text() + ".embeddingBag(" + dimension + ")" + ("sum".equals(mode) ? ".sum()" : "")
                + (maxTokens != DEFAULT_MAX_TOKENS ? ".maxTokens(" + maxTokens + ")" : "");
    }
}
