package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gradient-combining rules on Gram matrices of gradients small enough to check by hand. */
@Tag("unit")
class GradientRulesTest {

    /** Rows are gradients; returns g_i · g_j. */
    static double[][] gram(double[]... gradients) {
        double[][] gram = new double[gradients.length][gradients.length];
        for (int i = 0; i < gradients.length; i++) {
            for (int j = 0; j < gradients.length; j++) {
                gram[i][j] = GramMath.dot(gradients[i], gradients[j]);
            }
        }
        return gram;
    }

    /** Σ α_i g_i. */
    static double[] combine(double[] alphas, double[]... gradients) {
        double[] d = new double[gradients[0].length];
        for (int i = 0; i < gradients.length; i++) {
            for (int k = 0; k < d.length; k++) {
                d[k] += alphas[i] * gradients[i][k];
            }
        }
        return d;
    }

    @Test
    void pcgradProjectsEachConflictingGradientOntoTheOthersNormalPlane() {
        // GIVEN g1 = (1, 0), g2 = (-1, 1): g1·g2 = -1 < 0
        // g1' = g1 - (-1/2) g2 = (0.5, 0.5); g2' = g2 - (-1/1) g1 = (0, 1); d = (0.5, 1.5)
        double[] g1 = {1, 0};
        double[] g2 = {-1, 1};

        double[] alphas = PcgradWeighting.weights(gram(g1, g2), new Random(0));

        assertThat(alphas).containsExactly(new double[] {2, 1.5}, within(1e-12));
        assertThat(combine(alphas, g1, g2)).containsExactly(new double[] {0.5, 1.5}, within(1e-12));
    }

    @Test
    void pcgradLeavesGradientsThatAgreeAsTheyAre() {
        double[] alphas = PcgradWeighting.weights(
                gram(new double[] {1, 0}, new double[] {1, 1}, new double[] {0, 3}), new Random(1));

        assertThat(alphas).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    }

    @Test
    void mgdaFindsTheMinimumNormPointOfTheSegment() {
        // GIVEN g1 = (1, 0), g2 = (0, 2): γ = (g2 - g1)·g2 / |g1 - g2|² = 4/5
        double[] alphas = MgdaWeighting.minNorm(gram(new double[] {1, 0}, new double[] {0, 2}));

        assertThat(alphas).containsExactly(new double[] {0.8, 0.2}, within(1e-12));
    }

    @Test
    void mgdaPointOfThreeTasksIsOrthogonalToTheHullAndIsItsMinimum() {
        double[][] gradients = {{2, 0, 1}, {0, 1, 1}, {-1, 1, 0.5}};
        double[] alphas = MgdaWeighting.minNorm(gram(gradients));
        double[] d = combine(alphas, gradients);

        assertThat(alphas[0] + alphas[1] + alphas[2]).isCloseTo(1, within(1e-9));
        assertThat(java.util.Arrays.stream(alphas).min().getAsDouble()).isGreaterThanOrEqualTo(0);
        // optimality on the simplex: every used vertex has g_i·d = |d|², none is lower
        double normSquared = GramMath.dot(d, d);
        for (int i = 0; i < 3; i++) {
            double gain = GramMath.dot(gradients[i], d);
            assertThat(gain).isGreaterThanOrEqualTo(normSquared - 1e-6);
            if (alphas[i] > 1e-6) {
                assertThat(gain).isCloseTo(normSquared, within(1e-6));
            }
        }
    }

    @Test
    void mgdaOfAlignedGradientsTakesTheShortest() {
        double[] alphas = MgdaWeighting.minNorm(gram(new double[] {1, 1}, new double[] {3, 3}));

        assertThat(alphas).containsExactly(new double[] {1, 0}, within(1e-12));
    }

    @Test
    void cagradWithRadiusZeroIsTheAverageGradient() {
        double[] alphas = new CagradWeighting(0).weights(
                gram(new double[] {1, 0}, new double[] {-1, 3}));

        assertThat(alphas).containsExactly(new double[] {0.5, 0.5}, within(1e-9));
    }

    @Test
    void cagradImprovesTheWorstTaskWithinItsBall() {
        // GIVEN two conflicting gradients: the average barely helps g1
        double[] g1 = {1, 0};
        double[] g2 = {-0.9, 2};
        double c = 0.5;
        double[] average = combine(new double[] {0.5, 0.5}, g1, g2);

        double[] alphas = new CagradWeighting(c).weights(gram(g1, g2));
        double[] d = combine(alphas, g1, g2);

        // THEN undoing the 1/(1+c²) rescaling, d lies on the ball |d - g0| = c|g0|
        double[] unscaled = combine(new double[] {1 + c * c}, d);
        double distance = Math.sqrt(GramMath.dot(sub(unscaled, average), sub(unscaled, average)));
        assertThat(distance).isCloseTo(c * Math.sqrt(GramMath.dot(average, average)), within(1e-2));
        // and the worst task gains more than under the average
        double worst = Math.min(GramMath.dot(g1, unscaled), GramMath.dot(g2, unscaled));
        double worstAverage = Math.min(GramMath.dot(g1, average), GramMath.dot(g2, average));
        assertThat(worst).isGreaterThan(worstAverage);
    }

    @Test
    void imtlGivesEqualProjectionsOnEveryUnitGradient() {
        // g1 = (1, 0), g2 = (0, 2): d = (α1, 2α2) with α1 = 2α2 and α1 + α2 = 1
        double[] alphas = ImtlWeighting.weights(gram(new double[] {1, 0}, new double[] {0, 2}));

        assertThat(alphas).containsExactly(new double[] {2.0 / 3, 1.0 / 3}, within(1e-12));
    }

    @Test
    void imtlProjectionsAreEqualForThreeTasks() {
        double[][] gradients = {{2, 0, 1}, {0, 1, 1}, {-1, 1, 0.5}};
        double[] alphas = ImtlWeighting.weights(gram(gradients));
        double[] d = combine(alphas, gradients);

        double first = GramMath.dot(d, gradients[0]) / Math.sqrt(GramMath.dot(gradients[0],
                gradients[0]));
        for (double[] g : gradients) {
            assertThat(GramMath.dot(d, g) / Math.sqrt(GramMath.dot(g, g)))
                    .isCloseTo(first, within(1e-9));
        }
        assertThat(alphas[0] + alphas[1] + alphas[2]).isCloseTo(1, within(1e-12));
    }

    @Test
    void nashMtlSolvesTheBargainingCondition() {
        // M α = |M|_F / α element-wise; orthogonal g1 = (1, 0), g2 = (0, 2) give α ∝ 1/|g_i|
        double[] alphas = NashMtlWeighting.weights(gram(new double[] {1, 0}, new double[] {0, 2}));

        assertThat(alphas[0]).isCloseTo(Math.pow(17, 0.25), within(1e-6));
        assertThat(alphas[1]).isCloseTo(Math.pow(17, 0.25) / 2, within(1e-6));
        double[][] general = gram(new double[] {1, 0.5, 0}, new double[] {-0.5, 2, 1},
                new double[] {0.2, 0.1, 3});
        double norm = 0;
        for (double[] row : general) {
            for (double v : row) {
                norm += v * v;
            }
        }
        double[] solved = NashMtlWeighting.weights(general);
        double[] products = GramMath.times(general, solved);
        for (int i = 0; i < 3; i++) {
            assertThat(products[i]).isCloseTo(Math.sqrt(norm) / solved[i], within(1e-6));
        }
    }

    @Test
    void dwaFavoursTheTaskWhoseLossFellLeast() {
        // ratios 0.5 and 1.0 at τ = 2: w = 2 softmax(0.25, 0.5)
        double[] weights = new DwaWeighting(2).weights(new double[] {2, 1}, new double[] {1, 1});

        double e1 = Math.exp(0.25);
        double e2 = Math.exp(0.5);
        assertThat(weights).containsExactly(
                new double[] {2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)}, within(1e-12));
    }

    @Test
    void rlwDrawsPositiveWeightsSummingToTheTaskCount() {
        Random random = new Random(5);
        double[] first = RandomWeighting.draw(random, 3);
        double[] second = RandomWeighting.draw(random, 3);

        assertThat(first[0] + first[1] + first[2]).isCloseTo(3, within(1e-12));
        assertThat(java.util.Arrays.stream(first).min().getAsDouble()).isPositive();
        assertThat(second).isNotEqualTo(first);
        assertThat(RandomWeighting.draw(new Random(5), 3)).containsExactly(first);
    }

    @Test
    void gradNormMovesWeightTowardsTheTaskWithTheSmallerGradient() {
        // equal loss ratios, gradient norms 1 and 10 with w = 1: targets are the mean 5.5
        double[] gradient = new GradNormWeighting(0.12, 1e-3).weightGradient(
                new double[] {1, 10}, new double[] {1, 1}, new double[] {1, 1});

        assertThat(gradient).containsExactly(-1, 10);
    }

    @Test
    void gradNormTargetsGrowWithTheLossRatioToThePowerAlpha() {
        // equal norms 4 and 4, but task 1 trains slower (ratio 1 vs 0.25): its target is higher
        double[] gradient = new GradNormWeighting(1.0, 1e-3).weightGradient(
                new double[] {4, 4}, new double[] {2, 2}, new double[] {1, 0.25});

        assertThat(gradient).containsExactly(-2, 2);
    }

    private static double[] sub(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }
}
