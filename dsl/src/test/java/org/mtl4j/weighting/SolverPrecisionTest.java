package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every iterative rule against a solution found independently, on seeded random Gram matrices
 * of 2 to 5 tasks: generic, nearly parallel, nearly opposite and with one gradient near zero.
 * Distances between updates are measured in the gradients' space, {@code |d − d_ref|}, relative
 * to the largest gradient norm.
 */
class SolverPrecisionTest {

    private static final List<double[][]> CASES = RandomGrams.cases(18, 40, 5);

    /** {@code |Σ (a_i − b_i) g_i|}, relative to the largest gradient norm. */
    private static double distance(double[][] g, double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
        }
        return Math.sqrt(Math.max(0, GramMath.quadratic(g, diff) / GramMath.maxDiagonal(g)));
    }

    @Test
    void mgdaReachesTheMinimumNormPointWithAZeroDualityGap() {
        for (double[][] g : CASES) {
            // GIVEN the minimum-norm point found over every face and by a refined grid
            double scale = GramMath.maxDiagonal(g);
            double[] reference = SimplexReference.best(g.length, w -> GramMath.quadratic(g, w),
                    SimplexReference.mgdaByFaces(g));

            // WHEN MGDA solves
            double[] alphas = MgdaWeighting.minNorm(g);

            // THEN the weights are convex, the gap is closed and the update is the reference's
            assertThat(java.util.Arrays.stream(alphas).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            assertThat(GramMath.dot(alphas, GramMath.filled(g.length, 1))).isCloseTo(1,
                    within(1e-12));
            double[] gw = GramMath.times(g, alphas);
            double gap = GramMath.dot(alphas, gw) - gw[SimplexQp.argMin(gw)];
            assertThat(gap / scale).isLessThan(1e-12);
            assertThat(GramMath.quadratic(g, alphas)).isLessThanOrEqualTo(
                    GramMath.quadratic(g, reference) + 1e-12 * scale);
            assertThat(distance(g, alphas, reference)).isLessThan(1e-6);
        }
    }

    @Test
    void cagradUpdateIsOptimalForItsPrimalAndMatchesTheReference() {
        for (double c : new double[] {0.4, 1.5}) {
            for (double[][] g : CASES) {
                int n = g.length;
                double scale = GramMath.maxDiagonal(g);
                double[] b = GramMath.filled(n, 1.0 / n);
                double radius = c * Math.sqrt(GramMath.quadratic(g, b));
                // GIVEN the dual's minimiser: the better, at 50 digits, of every face's closed
                // form and a refined grid
                double[] faces = SimplexReference.cagradByFaces(g, radius);
                double[] grid = SimplexReference.refined(n,
                        x -> SimplexReference.cagradDual(g, radius, x));
                double[] w = faces != null && SimplexReference.cagradDualExact(g, radius, faces)
                        <= SimplexReference.cagradDualExact(g, radius, grid) ? faces : grid;
                double best = SimplexReference.cagradDual(g, radius, w);

                // WHEN CAGrad solves
                double[] alphas = new CagradWeighting(c).weights(g);

                // THEN d(1 + c²) lies in the ball around g₀ and improves the worst task by the
                // dual's optimum: no update in the ball does better (weak duality)
                double[] d = new double[n];
                double[] offset = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = alphas[i] * (1 + c * c);
                    offset[i] = d[i] - b[i];
                }
                assertThat(Math.sqrt(GramMath.quadratic(g, offset)))
                        .isLessThanOrEqualTo(radius * (1 + 1e-6));
                double[] gains = GramMath.times(g, d);
                double worst = gains[SimplexQp.argMin(gains)];
                // (to 1e-7 of the largest squared norm, plus the rounding of Gd itself: at nearly
                // cancelling gradients λ = a/|g_w| amplifies w's last digits by 1e5)
                double rounding = 0;
                for (int i = 0; i < n; i++) {
                    double row = 0;
                    for (int j = 0; j < n; j++) {
                        row += Math.abs(g[i][j] * d[j]);
                    }
                    rounding = Math.max(rounding, 64 * Math.ulp(row));
                }
                assertThat(worst).isCloseTo(best, within(1e-7 * scale + rounding));
                double norm = Math.sqrt(GramMath.quadratic(g, w));
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = (b[i] + radius / norm * w[i]) / (1 + c * c);
                }
                assertThat(distance(g, alphas, expected)).isLessThan(1e-6);
            }
        }
    }

    @Test
    void cagradAtAParetoStationaryPointKeepsItsWeightsBounded() {
        // GIVEN g1 = (1, 0), g2 = (-1, 1e-9), g3 = (0, 1): g0 = (0, ~1/3), and with c = 1.5
        // F = g0·g_w + a|g_w| ≥ 0, least where g_w ≈ (0, 5e-10): λ = a/|g_w| would be ~1e9
        double[][] g = GradientRulesTest.gram(new double[] {1, 0}, new double[] {-1, 1e-9},
                new double[] {0, 1});

        // WHEN CAGrad solves
        double[] alphas = new CagradWeighting(1.5).weights(g);

        // THEN |g_w| counts as at least 1e-6 Σ w_i|g_i| (here 1e-6): λ and the weights stay
        // below a/1e-6, yet far above the average's 1/3
        double radius = 1.5 * Math.sqrt(GramMath.quadratic(g, GramMath.filled(3, 1.0 / 3)));
        double total = Math.abs(alphas[0]) + Math.abs(alphas[1]) + Math.abs(alphas[2]);
        assertThat(total).isLessThanOrEqualTo(1 + radius / 1e-6).isGreaterThan(1e3);
    }

    @Test
    void nashMtlSatisfiesTheBargainingConditionAndMatchesCoordinateDescent() {
        int compared = 0;
        for (double[][] g : CASES) {
            // GIVEN the stated problem, M = G / |G|_F + 1e-8 I, minimised coordinate by coordinate
            double[][] m = stated(g);
            double[] reference = coordinateDescent(m);

            // WHEN Nash-MTL solves
            double[] alphas = NashMtlWeighting.weights(g);

            // THEN α (Mα) = 1 to 1e-8 (the rounding floor of a nearly singular M), and α is the reference's where that one converged
            double[] product = GramMath.times(m, alphas);
            for (int i = 0; i < g.length; i++) {
                assertThat(alphas[i] * product[i]).isCloseTo(1, within(1e-8));
            }
            if (reference != null) {
                compared++;
                for (int i = 0; i < g.length; i++) {
                    assertThat(alphas[i] / reference[i]).isCloseTo(1, within(1e-6));
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(CASES.size() / 2);
    }

    @Test
    void imtlGivesEqualProjectionsAndMatchesA60DigitSolution() {
        int solved = 0;
        for (double[][] g : CASES) {
            int n = g.length;
            double[] norms = new double[n];
            for (int i = 0; i < n; i++) {
                norms[i] = Math.sqrt(g[i][i]);
            }
            // GIVEN the weights computed with 60 significant digits
            double[] reference = ExactImtl.weights(g);

            // WHEN IMTL-G solves
            double[] alphas = ImtlWeighting.weights(g);

            // THEN the projections on the unit gradients are equal, unless it fell back
            if (java.util.Arrays.equals(alphas, GramMath.filled(n, 1.0 / n))) {
                continue;
            }
            solved++;
            double[] gw = GramMath.times(g, alphas);
            double size = 0;
            for (int i = 0; i < n; i++) {
                size = Math.max(size, Math.abs(gw[i] / norms[i]));
            }
            assertThat(distance(g, alphas, reference)).isLessThan(1e-6);
            for (int i = 1; i < n; i++) {
                assertThat((gw[i] / norms[i] - gw[0] / norms[0]) / size).isCloseTo(0,
                        within(1e-6));
            }
            assertThat(GramMath.dot(alphas, GramMath.filled(n, 1))).isCloseTo(1, within(1e-9));
        }
        assertThat(solved).isGreaterThanOrEqualTo(CASES.size() / 2);
    }

    private static double[][] stated(double[][] g) {
        double frobenius = 0;
        for (double[] row : g) {
            frobenius += GramMath.dot(row, row);
        }
        double[][] m = GramMath.scaled(g, Math.sqrt(frobenius));
        for (int i = 0; i < g.length; i++) {
            m[i][i] += 1e-8;
        }
        return m;
    }

    /** Exact minimisation along each α_i in turn; null if 200 000 sweeps do not settle it. */
    private static double[] coordinateDescent(double[][] m) {
        int n = m.length;
        double[] alphas = GramMath.filled(n, 1);
        for (int sweep = 0; sweep < 200_000; sweep++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double rest = GramMath.dot(m[i], alphas) - m[i][i] * alphas[i];
                double next = (-rest + Math.sqrt(rest * rest + 4 * m[i][i])) / (2 * m[i][i]);
                change = Math.max(change, Math.abs(next / alphas[i] - 1));
                alphas[i] = next;
            }
            if (change < 1e-14) {
                return alphas;
            }
        }
        return null;
    }
}
