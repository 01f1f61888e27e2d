package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;

/**
 * A scaled-down GradNorm toy (600 of the paper's 10 000 steps): GradNorm must move the weight
 * from the large-scale task (σ = 100) to the small one, as the paper describes.
 */
class GradNormToyExperimentTest {

    private static final double[] SIGMAS = {1, 100};

    @Test
    void gradNormShiftsWeightToTheSmallScaleTaskAndKeepsTheSum() {
        GradNormToyExperiment.Result result =
                GradNormToyExperiment.run(gradNorm(0.12), SIGMAS, 0, 600);

        assertThat(result.weights()[0] + result.weights()[1]).isCloseTo(2, within(1e-6));
        assertThat(result.weights()[0]).isGreaterThan(1.5);
        assertThat(result.weights()[1]).isLessThan(0.5);
        assertThat(result.lossRatioSum()).isBetween(0.0, 10.0);
    }

    @Test
    void uncertaintyLowersTheWeightOfTheLargeScaleTask() {
        GradNormToyExperiment.Result result =
                GradNormToyExperiment.run(uncertainty(-0.5), SIGMAS, 0, 600);

        // s_2 climbs towards log L_2 ≈ log 10⁴ at Adam's pace: its weight falls from e^0.5 / 2
        assertThat(result.weights()[1]).isLessThan(0.9 * Math.exp(0.5) / 2);
        assertThat(result.lossRatioSum()).isBetween(0.0, 10.0);
    }
}
