package org.mtl4j.spark;

import java.util.Random;

/**
 * Which rows of each replica's shard make up each global batch of an epoch. An epoch has {@code
 * steps = ⌈N / batchSize⌉} global batches (N: the rows of all shards); each shard is shuffled
 * (from the seed, the epoch and the shard's index only) and cut into {@code steps} nearly equal
 * runs, so global batch s is the union of every shard's run s (about batchSize rows; shards of
 * different sizes contribute in proportion). Every replica thus takes part in every step.
 *
 * <p>Example: {@code int[] rows = BatchPlan.rows(BatchPlan.order(500, 42, 1, 0), 3, 8);}
 */
public final class BatchPlan {

    private BatchPlan() {}

    /** Global batches per epoch for {@code totalRows} rows. */
    public static int steps(long totalRows, int batchSize) {
        return (int) Math.max(1, (totalRows + batchSize - 1) / batchSize);
    }

    /** The shuffled order of a shard's {@code rows} in epoch {@code epoch} (1-based). */
    public static int[] order(int rows, long seed, int epoch, int shard) {
        long mixed = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + shard;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        Random random = new Random(mixed ^ (mixed >>> 31));
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int kept = order[i];
            order[i] = order[j];
            order[j] = kept;
        }
        return order;
    }

    /** Run {@code step} (0-based) of {@code steps} of a shard's shuffled {@code order}. */
    public static int[] rows(int[] order, int step, int steps) {
        int from = (int) ((long) step * order.length / steps);
        int to = (int) ((long) (step + 1) * order.length / steps);
        int[] rows = new int[to - from];
        System.arraycopy(order, from, rows, 0, rows.length);
        return rows;
    }
}
