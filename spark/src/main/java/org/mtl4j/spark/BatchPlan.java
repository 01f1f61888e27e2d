package org.mtl4j.spark;

import java.util.Random;

/**
 * Which rows of each replica's shard make up each global batch of an epoch. An epoch has {@code
 * steps = ⌈N / batchSize⌉} global batches (N: the rows of all shards); each shard is shuffled
 * (from the seed, the epoch and the shard's index only) and its rows spread evenly over the
 * epoch's steps (see {@link #runs}), so global batch s, the union of every shard's run s, has
 * ⌊N / steps⌋ or ⌈N / steps⌉ rows (about batchSize), shards contributing in proportion to their
 * sizes. A shard with at least {@code steps} rows takes part in every step; smaller shards take
 * part in different steps.
 *
 * <p>Example: {@code int[][] runs = BatchPlan.runs(BatchPlan.order(500, 42, 1, 0), 0, new int[]
 * {500, 300}, 8);}
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

    /**
     * Every step's run of shard {@code shard}'s shuffled {@code order}, given every shard's row
     * count ({@code shardRows}, in shard order): row i of shard p sits at time (i + ½) / n_p of
     * the epoch; all shards' rows sorted by time (ties by shard) are cut into {@code steps}
     * nearly equal global batches. Each global batch thus has ⌊N / steps⌋ or ⌈N / steps⌉ rows
     * (N: all shards' rows), every shard contributes in proportion to its size, and shards smaller
     * than {@code steps} spread their rows over the epoch at offsets that differ between shards.
     */
    public static int[][] runs(int[] order, int shard, int[] shardRows, int steps) {
        long total = 0;
        for (int rows : shardRows) {
            total += rows;
        }
        long n = shardRows[shard];
        if (order.length != n) {
            throw new IllegalArgumentException("runs() needs the order of shard " + shard
                    + "'s rows. Received: " + order.length + " rows in the order, "
                    + shardRows[shard] + " in shardRows. Pass BatchPlan.order(shardRows[shard],"
                    + " seed, epoch, shard).");
        }
        int[] sizes = new int[steps];
        int[] stepOf = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            long rank = 0;
            long a = (2L * i + 1);
            for (int q = 0; q < shardRows.length; q++) {
                long nq = shardRows[q];
                if (nq == 0) {
                    continue;
                }
                // rows j of shard q earlier in time: (2j + 1) / nq < (2i + 1) / n
                long c = (a * nq + n - 1) / n;
                long before = Math.min(c / 2, nq);
                boolean tie = (a * nq) % n == 0 && ((a * nq) / n) % 2 == 1
                        && ((a * nq) / n - 1) / 2 < nq;
                rank += before + (tie && q < shard ? 1 : 0);
            }
            stepOf[i] = (int) (rank * steps / total);
            sizes[stepOf[i]]++;
        }
        int[][] runs = new int[steps][];
        for (int s = 0; s < steps; s++) {
            runs[s] = new int[sizes[s]];
        }
        int[] filled = new int[steps];
        for (int i = 0; i < order.length; i++) {
            runs[stepOf[i]][filled[stepOf[i]]++] = order[i];
        }
        return runs;
    }
}
