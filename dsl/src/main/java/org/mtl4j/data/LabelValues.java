package org.mtl4j.data;

/**
 * A task's labels for some rows: class index or value per row, and whether the row has a label
 * (partial labels: a row without one does not count for this task).
 *
 * <p>Example: {@code labels.encode(table, rows).labelled()} counts the labelled rows.
 *
 * @param values class index (for classes) or value per row; 0 where the label is missing
 * @param present whether each row has a label
 */
public record LabelValues(float[] values, boolean[] present) {

    /** Number of labelled rows. */
    public int labelled() {
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        return count;
    }
}
