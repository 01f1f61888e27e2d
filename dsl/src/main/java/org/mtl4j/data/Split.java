package org.mtl4j.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded random split of table rows into training and validation rows (each in ascending
 * order). The training split keeps at least one row; with a fraction above 0 and at least two
 * rows, the validation split has at least one.
 *
 * <p>Example: {@code Split.random(1000, 0.2, 42)} gives 800 training and 200 validation rows.
 *
 * @param train training row indices
 * @param validation validation row indices (may be empty)
 */
public record Split(int[] train, int[] validation) {

    /**
     * Splits {@code rows} rows.
     *
     * @param rows number of rows, at least 1
     * @param validationFraction in [0, 1)
     * @param seed the shuffle seed
     */
    public static Split random(int rows, double validationFraction, long seed) {
        int[] order = permutation(rows, new Random(seed));
        int validation = validationFraction > 0
                ? (int) Math.min(rows - 1, Math.max(1, Math.round(rows * validationFraction)))
                : 0;
        int[] train = Arrays.copyOfRange(order, 0, rows - validation);
        int[] held = Arrays.copyOfRange(order, rows - validation, rows);
        Arrays.sort(train);
        Arrays.sort(held);
        return new Split(train, held);
    }

    /**
     * A random permutation of {@code 0 .. size-1} (Fisher-Yates).
     *
     * @param size number of elements
     * @param random the source of randomness
     */
    public static int[] permutation(int size, Random random) {
        int[] order = allRows(size);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** The row indices {@code 0 .. rows-1}, in order. */
    public static int[] allRows(int rows) {
        int[] indices = new int[rows];
        for (int i = 0; i < rows; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
