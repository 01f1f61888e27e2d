package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.weighting.GradientRulesTest.combine;
import static org.mtl4j.weighting.GradientRulesTest.gram;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** UPGrad, Aligned-MTL, GradVac and FairGrad on gradients small enough to check by hand. */
class NewGradientRulesTest {

    @Test
    void upgradAddsTheGradientsProjectedOntoTheirDualCone() {
        // GIVEN g1 = (1, 0), g2 = (-1, 1), g1·g2 = -1:
        // g1/2 projected: (1/2)(g1 + g2/2) = (0.25, 0.25); g2/2 projected: (1/2)(g2 + g1) = (0, 0.5)
        double[] g1 = {1, 0};
        double[] g2 = {-1, 1};

        double[] alphas = UpgradWeighting.weights(gram(g1, g2), 0);

        assertThat(alphas).containsExactly(new double[] {1, 0.75}, within(1e-12));
        assertThat(combine(alphas, g1, g2)).containsExactly(new double[] {0.25, 0.75},
                within(1e-12));
    }

    @Test
    void upgradIsTheMeanWithoutConflictAndCloseToExactWithTheDefaultRegularisation() {
        assertThat(UpgradWeighting.weights(gram(new double[] {1, 0}, new double[] {1, 1}), 0))
                .containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(new UpgradWeighting().rule(null).weights(
                gram(new double[] {1, 0}, new double[] {-1, 1})))
                .containsExactly(new double[] {1, 0.75}, within(1e-3));
    }

    @Test
    void upgradNeverMakesATaskWorseOnRandomGradients() {
        Random random = new Random(18);
        for (int trial = 0; trial < 200; trial++) {
            int tasks = 2 + random.nextInt(4);
            double[][] gradients = new double[tasks][tasks + 2];
            for (double[] g : gradients) {
                for (int k = 0; k < g.length; k++) {
                    g[k] = random.nextGaussian() * (1 + 10 * random.nextDouble());
                }
            }
            double[] d = combine(UpgradWeighting.weights(gram(gradients), 0), gradients);
            double scale = GramMath.dot(d, d);
            for (double[] g : gradients) {
                assertThat(GramMath.dot(g, d)).isGreaterThanOrEqualTo(-1e-9 * (1 + scale));
            }
        }
    }

    @Test
    void boxQpAgreesWithEveryActiveSetTriedByHand() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            double[][] gradients = new double[3][4];
            for (double[] g : gradients) {
                for (int k = 0; k < g.length; k++) {
                    g[k] = random.nextGaussian();
                }
            }
            double[][] g = gram(gradients);
            double[] lower = {random.nextDouble() - 0.3, random.nextDouble() - 0.3,
                    random.nextDouble() - 0.3};

            double[] w = BoxQp.minimise(g, lower);

            assertThat(BoxQp.optimal(g, lower, w)).isTrue();
            assertThat(GramMath.quadratic(g, w)).isCloseTo(bruteForce(g, lower), within(1e-9));
        }
    }

    /** The least objective over the 8 choices of bound coordinates whose solution is feasible. */
    private static double bruteForce(double[][] g, double[] lower) {
        double best = Double.POSITIVE_INFINITY;
        for (int choice = 0; choice < 8; choice++) {
            int mask = choice;
            double[] w = lower.clone();
            int[] free = java.util.stream.IntStream.range(0, 3).filter(k -> (mask >> k & 1) == 1)
                    .toArray();
            double[][] a = new double[free.length][free.length];
            double[] b = new double[free.length];
            for (int i = 0; i < free.length; i++) {
                for (int j = 0; j < free.length; j++) {
                    a[i][j] = g[free[i]][free[j]];
                }
                for (int k = 0; k < 3; k++) {
                    if ((mask >> k & 1) == 0) {
                        b[i] -= g[free[i]][k] * lower[k];
                    }
                }
            }
            double[] x = free.length == 0 ? new double[0] : GramMath.solve(a, b);
            boolean feasible = x != null;
            for (int i = 0; feasible && i < free.length; i++) {
                w[free[i]] = x[i];
                feasible = x[i] >= lower[free[i]] - 1e-12;
            }
            if (feasible) {
                best = Math.min(best, GramMath.quadratic(g, w));
            }
        }
        return best;
    }

    @Test
    void alignedMtlMakesOrthogonalGradientsEqualInNormAtTheSmallestSingularValue() {
        // GIVEN g1 = (1, 0), g2 = (0, 2): σ_min = 1, so each aligned gradient has norm 1
        double[] alphas = new AlignedMtlWeighting("min").weights(
                gram(new double[] {1, 0}, new double[] {0, 2}));

        assertThat(alphas).containsExactly(new double[] {1, 0.5}, within(1e-12));
    }

    @Test
    void alignedMtlKeepsOnlyTheRankOfParallelGradients() {
        // GIVEN g1 = (1, 0), g2 = (2, 0): rank 1, v = (1, 2)/√5, B = v vᵀ, α = B·1 = (0.6, 1.2)
        double[] g1 = {1, 0};
        double[] g2 = {2, 0};

        double[] alphas = new AlignedMtlWeighting("min").weights(gram(g1, g2));

        assertThat(alphas).containsExactly(new double[] {0.6, 1.2}, within(1e-9));
        assertThat(combine(alphas, g1, g2)).containsExactly(new double[] {3, 0}, within(1e-9));
    }

    @Test
    void alignedMtlUpdateHasTheNormOfTSingularValuesOfItsScale() {
        // the aligned gradients are orthogonal with norm σ, so |Σ ĝ_i|² = T σ²
        Random random = new Random(3);
        for (int trial = 0; trial < 100; trial++) {
            double[][] g = gram(gaussian(random, 3), gaussian(random, 3));
            double trace = g[0][0] + g[1][1];
            double det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
            double smallest = (trace - Math.sqrt(trace * trace - 4 * det)) / 2;

            double[] min = new AlignedMtlWeighting("min").weights(g);
            double[] median = new AlignedMtlWeighting("median").weights(g);
            double[] rmse = new AlignedMtlWeighting("rmse").weights(g);

            assertThat(GramMath.quadratic(g, min)).isCloseTo(2 * smallest, within(1e-9 * trace));
            assertThat(GramMath.quadratic(g, median)).isCloseTo(2 * smallest,
                    within(1e-9 * trace));
            assertThat(GramMath.quadratic(g, rmse)).isCloseTo(trace, within(1e-9 * trace));
        }
    }

    @Test
    void alignedMtlNamesTheScalesItKnows() {
        assertThatThrownBy(() -> new AlignedMtlWeighting("max"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alignedMtl(scale) needs one of [min, median, rmse]. Received:"
                        + " scale=max. Use e.g. alignedMtl(\"min\").");
    }

    @Test
    void alignedMtlNamesTheScalesItKnowsWhenTheScaleIsNull() {
        assertThatThrownBy(() -> new AlignedMtlWeighting(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alignedMtl(scale) needs one of [min, median, rmse]. Received:"
                        + " scale=null. Use e.g. alignedMtl(\"min\").");
    }

    @Test
    void symmetricEigenRebuildsTheMatrixFromOrthonormalVectors() {
        Random random = new Random(11);
        double[][] m = gram(gaussian(random, 6), gaussian(random, 6), gaussian(random, 6),
                gaussian(random, 6));

        SymmetricEigen eigen = SymmetricEigen.of(m);

        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double rebuilt = 0;
                double inner = 0;
                for (int k = 0; k < 4; k++) {
                    rebuilt += eigen.vectors()[i][k] * eigen.values()[k] * eigen.vectors()[j][k];
                    inner += eigen.vectors()[k][i] * eigen.vectors()[k][j];
                }
                assertThat(rebuilt).isCloseTo(m[i][j], within(1e-10));
                assertThat(inner).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void gradVacWithTargetsAtZeroIsPcgrad() {
        double[][] g = gram(new double[] {1, 0}, new double[] {-1, 1});
        double[][] targets = new double[2][2];

        double[] alphas = new GradVacWeighting(0.01).weights(g, new int[] {0, 1}, targets,
                new Random(0));

        assertThat(alphas).containsExactly(new double[] {2, 1.5}, within(1e-12));
        // each target moved 1 % of the way to the seen similarity −1/√2
        assertThat(targets[0][1]).isCloseTo(-0.01 / Math.sqrt(2), within(1e-15));
        assertThat(targets[1][0]).isCloseTo(-0.01 / Math.sqrt(2), within(1e-15));
    }

    @Test
    void gradVacRaisesTheSimilarityToItsTargetExactly() {
        // GIVEN orthogonal g1 = (1, 0), g2 = (0, 1) and a target of 0.5 for task 0 against task 1:
        // g1' = g1 + g2 · (0.5 · 1 − 0) / √0.75 = (1, 1/√3), whose cosine with g2 is 0.5
        double[] g1 = {1, 0};
        double[] g2 = {0, 1};
        double[][] targets = {{0, 0.5}, {0, 0}};

        double[] alphas = new GradVacWeighting(0.5).weights(gram(g1, g2), new int[] {0, 1},
                targets, new Random(0));

        assertThat(alphas).containsExactly(new double[] {1, 1 + 1 / Math.sqrt(3)},
                within(1e-12));
        assertThat(targets[0][1]).isCloseTo(0.25, within(1e-15));
        assertThat(targets[1][0]).isCloseTo(0, within(1e-15));
    }

    @Test
    void gradVacKeepsTargetsByTaskWhenSomeTasksHaveNoLabels() {
        // GIVEN tasks 0 and 2 labelled out of 3: their pair's targets are [0][2] and [2][0]
        double[][] targets = {{0, 0, 0.5}, {0, 0, 0}, {0, 0, 0}};

        double[] alphas = new GradVacWeighting(0.5).weights(
                gram(new double[] {1, 0}, new double[] {0, 1}), new int[] {0, 2}, targets,
                new Random(0));

        assertThat(alphas).containsExactly(new double[] {1, 1 + 1 / Math.sqrt(3)},
                within(1e-12));
        assertThat(targets[0][2]).isCloseTo(0.25, within(1e-15));
        assertThat(targets[0][1]).isZero();
    }

    @Test
    void gradVacWithParallelGradientsAndBetaOneKeepsTheWeightsFiniteAndUnadjusted() {
        // GIVEN parallel gradients seen step after step with β = 1: each target becomes the last
        // similarity, 1 up to rounding, so √(1 − φ̂²) is 0 or the square root of a negative number
        Random random = new Random(5);
        double[][] targets = new double[2][2];
        GradVacWeighting gradVac = new GradVacWeighting(1.0);

        for (int step = 0; step < 50; step++) {
            double[] g1 = gaussian(random, 7);
            double[] g2 = new double[g1.length];
            for (int k = 0; k < g1.length; k++) {
                g2[k] = g1[k] * (0.3 + step * 0.77);
            }
            double[] alphas = gradVac.weights(gram(g1, g2), new int[] {0, 1}, targets, random);

            // THEN no pair is altered: the weights are PCGrad's unaltered sum
            assertThat(alphas).containsExactly(new double[] {1, 1}, within(1e-12));
        }
    }

    @Test
    void gradVacNamesABadBeta() {
        assertThatThrownBy(() -> new GradVacWeighting(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradVac(beta) needs 0 < beta ≤ 1. Received: beta=0.0. Use e.g."
                        + " gradVac(0.01).");
    }

    @Test
    void fairGradSolvesTheFairnessEquationsOfOrthogonalGradients() {
        // GIVEN G = diag(1, 4): w_1 = w_1^(-1/α) gives w_1 = 1; 4 w_2 = w_2^(-1/α) gives
        // w_2 = 1/2 for α = 1 and 4^(-2/3) for α = 2
        double[][] g = gram(new double[] {1, 0}, new double[] {0, 2});

        assertThat(new FairGradWeighting(1).weights(g)).containsExactly(
                new double[] {1, 0.5}, within(1e-12));
        assertThat(new FairGradWeighting(2).weights(g)).containsExactly(
                new double[] {1, Math.pow(4, -2.0 / 3)}, within(1e-12));
    }

    @Test
    void fairGradGivesEveryTaskTheImprovementItsWeightAsksOnRandomGradients() {
        Random random = new Random(24);
        for (int trial = 0; trial < 200; trial++) {
            int tasks = 2 + random.nextInt(4);
            double[][] gradients = new double[tasks][];
            for (int i = 0; i < tasks; i++) {
                gradients[i] = gaussian(random, tasks + 3);
            }
            double alpha = 0.5 + 3 * random.nextDouble();
            FairGradWeighting rule = new FairGradWeighting(alpha);

            double[] w = rule.weights(gram(gradients));
            double[] d = combine(w, gradients);

            for (int i = 0; i < tasks; i++) {
                assertThat(w[i]).isPositive();
                assertThat(GramMath.dot(gradients[i], d))
                        .isCloseTo(Math.pow(w[i], -1 / alpha), within(1e-8 * Math.pow(w[i],
                                -1 / alpha)));
            }
        }
    }

    @Test
    void fairGradWithATinyAlphaStillSolvesItsEquations() {
        // (1/2)^(-1/α) overflows for α = 1e-4; the solution is near w = 1 (the plain sum)
        double[][] g = gram(new double[] {1, 0.2}, new double[] {-0.3, 2});
        FairGradWeighting rule = new FairGradWeighting(1e-4);

        double[] w = rule.weights(g);

        assertThat(w).containsExactly(new double[] {1, 1}, within(1e-3));
        // w^(-1/α) changes by 1e4 times w's relative rounding: 1e-8 of its size (≈ 4) is rounding
        assertThat(rule.residual(g, w)).containsExactly(new double[] {0, 0}, within(4e-8));
    }

    @Test
    void fairGradNamesABadAlpha() {
        assertThatThrownBy(() -> new FairGradWeighting(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fairGrad(alpha) needs a finite alpha > 0. Received: alpha=-1.0. Use"
                        + " e.g. fairGrad(1.0).");
    }

    private static double[] gaussian(Random random, int size) {
        double[] values = new double[size];
        for (int k = 0; k < size; k++) {
            values[k] = random.nextGaussian();
        }
        return values;
    }
}
