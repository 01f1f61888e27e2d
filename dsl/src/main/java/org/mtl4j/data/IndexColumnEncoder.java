package org.mtl4j.data;

/**
 * A column encoded as indices into an embedding table (written as exact integers in the float
 * feature row), rather than as numbers.
 */
interface IndexColumnEncoder extends ColumnEncoder {

    /** The column that owns the table this column reads. */
    String table();

    /** The table's rows, the reserved row 0 included. */
    int tableRows();

    /** Numbers per table row. */
    int dimension();

    /** {@code "one"}, {@code "mean"} or {@code "sum"}: see {@link EmbeddingLayout.Lookup}. */
    String mode();
}
