package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.taskAffinity;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.ModelBuilder;
import org.mtl4j.weighting.Weighting;

/**
 * The look-ahead only reads gradients and never writes a parameter: a fit measuring the task
 * affinity is bit-identical to one without (dropout included: the look-ahead forwards run without
 * it and draw no random numbers).
 */
class TaskAffinityIdentityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mtl4j.train.ProbedFits#fits")
    void aMeasuredFitIsBitIdenticalToAnUnmeasuredOne(
            String name, UnaryOperator<ModelBuilder> sharing, Weighting weighting) {
        ProbedFits.assertIdentical(sharing, weighting, taskAffinity().every(2), history -> {
            assertThat(history.affinities()).as("3 × 3 ordered pairs × 2 epochs").hasSize(18)
                    .allSatisfy(r -> assertThat(r.samples()).isEqualTo(3));
            assertThat(history.affinities()).anySatisfy(
                    r -> assertThat(r.affinity()).isNotZero());
        });
    }
}
