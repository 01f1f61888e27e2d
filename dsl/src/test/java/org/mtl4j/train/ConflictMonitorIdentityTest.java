package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.conflictMonitor;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.ModelBuilder;
import org.mtl4j.weighting.Weighting;

/** The monitor only reads gradients: a fit with it is bit-identical to one without. */
class ConflictMonitorIdentityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mtl4j.train.ProbedFits#fits")
    void aMonitoredFitIsBitIdenticalToAnUnmonitoredOne(
            String name, UnaryOperator<ModelBuilder> sharing, Weighting weighting) {
        ProbedFits.assertIdentical(sharing, weighting, conflictMonitor().every(2), history ->
                assertThat(history.conflicts()).as("3 pairs × 2 epochs").hasSize(6)
                        .allSatisfy(r -> assertThat(r.samples()).isEqualTo(3)));
    }
}
