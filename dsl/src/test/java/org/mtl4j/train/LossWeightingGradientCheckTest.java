package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.Weighting;

/**
 * The loss-based strategies that weigh each loss by a number computed from the losses (FAMO,
 * STCH, GLS) leave the gradient of {@code Σ α_t L_t} with the weights they report, even with
 * garbage collections between forward and backward ({@link GradientHarness}).
 */
class LossWeightingGradientCheckTest {

    static Stream<Weighting> strategies() {
        return Stream.of(famo(), stch(1.0, 0), gls());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void gradientsMatchFiniteDifferencesOfTheReportedWeights(Weighting weighting) {
        GradientHarness.Result result = GradientHarness.check(weighting::start);

        assertThat(result.mismatches()).as("%s", weighting).isEmpty();
        assertThat(result.checked()).isGreaterThan(60);
    }

    @Test
    void stchPastItsWarmUpOnTheSmoothMaximumMatchesFiniteDifferences() {
        // GIVEN STCH restored in epoch 1 of stch(1.0, 0): past the nadir epoch, with a nadir per
        // task, so the step weighs by the smooth maximum's derivative
        Map<String, double[]> pastWarmUp = Map.of("epoch", new double[] {1},
                "nadirSum", new double[] {1.2, 0.6, 0.9, 0.4, 0.3},
                "nadirCount", new double[] {1, 1, 1, 1, 1});

        GradientHarness.Result result = GradientHarness.check(context -> {
            TaskWeigher weigher = stch(1.0, 0).start(context);
            weigher.restore(pastWarmUp);
            return weigher;
        });

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(60);
    }
}
