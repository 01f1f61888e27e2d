package org.mtl4j.data;

import java.util.List;
import org.mtl4j.annotation.Internal;

/**
 * Where a feature row keeps its embedded inputs, for the network's input block: the first {@code
 * denseWidth} features are numbers (standardised, one-hot, bag of words), then every lookup's
 * indices into a table, stored as exact integers in the model's float type (index 0: the reserved
 * row, unseen level or padding).
 *
 * <p>Example: {@code numeric("x"), categorical("user").embedding(4)} gives {@code
 * EmbeddingLayout[denseWidth=1, tables=[TableSize[name=user, rows=101, dimension=4]],
 * lookups=[Lookup[table=0, offset=1, length=1, mode=one]]]}: a row of 2 features becomes 5
 * numbers for the shared part.
 *
 * @param denseWidth the features before the indices
 * @param tables the embedding tables, in order of first use
 * @param lookups the embedded columns, in feature order
 */
@Internal
public record EmbeddingLayout(int denseWidth, List<TableSize> tables, List<Lookup> lookups) {

    /** Copies the lists. */
    public EmbeddingLayout {
        tables = List.copyOf(tables);
        lookups = List.copyOf(lookups);
    }

    /**
     * One embedding table.
     *
     * @param name the column that owns it
     * @param rows its rows, the reserved row 0 included
     * @param dimension numbers per row
     */
    public record TableSize(String name, int rows, int dimension) {}

    /**
     * One embedded column.
     *
     * @param table the index of its table in {@link #tables()}
     * @param offset where its indices start in a feature row
     * @param length how many indices (1 for a categorical column, the padded token count for text)
     * @param mode {@code "one"} (a categorical column), {@code "mean"} or {@code "sum"} (a bag)
     */
    public record Lookup(int table, int offset, int length, String mode) {}

    /** Whether there is nothing to embed (the feature row goes to the network as it is). */
    public boolean isEmpty() {
        return lookups.isEmpty();
    }

    /** The width the shared part sees: the dense features, then one vector per lookup. */
    public int outputWidth() {
        int width = denseWidth;
        for (Lookup lookup : lookups) {
            width += tables.get(lookup.table()).dimension();
        }
        return width;
    }
}
