package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WorkloadTest {

    @Test
    void aStepsFlopsAreForwardWeightGradientsAndInputGradientsBeyondTheFirstLayer() {
        // wide: 32·1024 + 1024·1024 + 1024·(1 + 3) = 1 085 440 multiply-adds per row forward;
        // 3× that less the first layer's input gradient (32·1024), 2 FLOP each, 128 rows
        assertThat(Workload.COMPUTE.flopsPerStep(32)).isEqualTo(2.0 * 128 * (3 * 1_085_440
                - 32 * 1024));
        assertThat(Workload.COMPUTE.flopsPerStep(32) / 1e6).isBetween(825.0, 825.5);
        // small: 32·64 + 64·64 + 64·4 = 6 400
        assertThat(Workload.SMALL.flopsPerStep(32)).isEqualTo(2.0 * 128 * (3 * 6_400 - 32 * 64));
    }
}
