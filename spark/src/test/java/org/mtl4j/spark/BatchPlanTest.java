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
            for (int s = 0; s < steps; s++) {
                for (int row : BatchPlan.rows(order, s, steps)) {
                    assertThat(seen[row]).isFalse();
                    seen[row] = true;
                    batchRows[s]++;
                }
            }
            for (boolean row : seen) {
                assertThat(row).isTrue();
            }
        }
        assertThat(Arrays.stream(batchRows).min().getAsInt()).isGreaterThanOrEqualTo(40);
        assertThat(Arrays.stream(batchRows).max().getAsInt()).isLessThanOrEqualTo(43);
    }

    @Test
    void theShuffleDependsOnSeedEpochAndShardOnly() {
        assertThat(BatchPlan.order(50, 1, 2, 0)).containsExactly(BatchPlan.order(50, 1, 2, 0));
        assertThat(BatchPlan.order(50, 1, 2, 0)).isNotEqualTo(BatchPlan.order(50, 1, 3, 0));
        assertThat(BatchPlan.order(50, 1, 2, 0)).isNotEqualTo(BatchPlan.order(50, 1, 2, 1));
    }
}
