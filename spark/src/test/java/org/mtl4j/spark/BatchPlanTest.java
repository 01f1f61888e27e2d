package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The global batches: every shard row once per epoch, about batchSize rows per step. */
@Tag("unit")
class BatchPlanTest {

    @Test
    void everyRowOfEveryShardIsInExactlyOneGlobalBatchPerEpoch() {
        int[] shards = {99, 100, 7};
        int steps = BatchPlan.steps(206, 50);
        assertThat(steps).isEqualTo(5);
        int[] batchRows = new int[steps];
        for (int p = 0; p < shards.length; p++) {
            int[] order = BatchPlan.order(shards[p], 42, 3, p);
            boolean[] seen = new boolean[shards[p]];
            int[][] runs = BatchPlan.runs(order, p, shards, steps);
            for (int s = 0; s < steps; s++) {
                for (int row : runs[s]) {
                    assertThat(seen[row]).isFalse();
                    seen[row] = true;
                    batchRows[s]++;
                }
            }
            for (boolean row : seen) {
                assertThat(row).isTrue();
            }
        }
        assertThat(Arrays.stream(batchRows).min().getAsInt()).isGreaterThanOrEqualTo(41);
        assertThat(Arrays.stream(batchRows).max().getAsInt()).isLessThanOrEqualTo(42);
    }

    @Test
    void manySmallShardsFillEveryGlobalBatch() {
        // GIVEN 200 shards of 10 rows and batchSize 16: 125 steps, more than any shard's rows
        int[] shards = new int[200];
        Arrays.fill(shards, 10);
        int steps = BatchPlan.steps(2000, 16);
        assertThat(steps).isEqualTo(125);

        // WHEN every shard is cut; THEN every global batch has 16 rows (all 2000 rows used)
        assertThat(globalBatchSizes(shards, steps)).containsOnly(16);
    }

    @Test
    void fourShardsOfThreeRowsGiveSixBatchesOfTwo() {
        assertThat(globalBatchSizes(new int[] {3, 3, 3, 3}, BatchPlan.steps(12, 2)))
                .containsExactly(2, 2, 2, 2, 2, 2);
    }

    @Test
    void shardsOfVariousSizesAndAnEmptyOneGiveBatchesOfNearlyEqualSize() {
        int[] shards = {1, 0, 5, 2, 37};
        int steps = BatchPlan.steps(45, 4);
        int[] sizes = globalBatchSizes(shards, steps);
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(45);
        assertThat(sizes).containsOnly(3, 4);
    }

    private static int[] globalBatchSizes(int[] shards, int steps) {
        int[] sizes = new int[steps];
        for (int p = 0; p < shards.length; p++) {
            int[][] runs = BatchPlan.runs(BatchPlan.order(shards[p], 5, 1, p), p, shards, steps);
            for (int s = 0; s < steps; s++) {
                sizes[s] += runs[s].length;
            }
        }
        return sizes;
    }

    @Test
    void theShuffleDependsOnSeedEpochAndShardOnly() {
        assertThat(BatchPlan.order(50, 1, 2, 0)).containsExactly(BatchPlan.order(50, 1, 2, 0));
        assertThat(BatchPlan.order(50, 1, 2, 0)).isNotEqualTo(BatchPlan.order(50, 1, 3, 0));
        assertThat(BatchPlan.order(50, 1, 2, 0)).isNotEqualTo(BatchPlan.order(50, 1, 2, 1));
    }
}
