package org.mtl4j.weighting;

import java.util.List;

/**
 * MGDA (Sener and Koltun 2018, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS):
 * the update is the minimum-norm point of the convex hull of the tasks' shared gradients, a
 * common descent direction for every task (Pareto-stationary when it is zero). The weights
 * {@code α ≥ 0, Σ α = 1} are what the weight chart shows. Gradients are taken on the shared
 * parameters (the paper's MGDA-UB, {@code mgda().onTrunkOutput()}, takes them on the trunk
 * output instead).
 *
 * <p>Solved exactly: in closed form for two tasks, and beyond two by an active-set method on the
 * Gram matrix until the Frank-Wolfe duality gap is at most 1e-14 of the largest squared gradient
 * norm ({@link SimplexQp}; the paper's code runs at most 250 Frank-Wolfe steps and stops when
 * the step changes the weights by less than 1e-5).
 *
 * <p>Gradient normalisation, with the names of the paper's code: {@code "none"} (default, as
 * LibMTL), {@code "l2"} (each gradient divided by its norm), {@code "loss"} (by its task's loss),
 * {@code "loss+"} (by loss × norm; the paper's code's choice for its experiments). As in the
 * paper's code, the weights found for the normalised gradients multiply the raw ones (LibMTL
 * multiplies the normalised ones instead). A zero divisor is floored at 1e-30.
 *
 * <p>Example: {@code .weighting(mgda())}, {@code .weighting(mgda().normalize("loss+"))}
 *
 * @param normalization how each gradient is scaled before the minimum-norm point is found
 */
public record MgdaWeighting(String normalization) implements GradientWeighting {

    /** The normalisations, as the paper's code names them. */
    public static final List<String> NORMALIZATIONS = List.of("none", "l2", "loss", "loss+");

    /** Checks the normalisation. */
    public MgdaWeighting {
        if (!NORMALIZATIONS.contains(normalization)) {
            throw new IllegalArgumentException("mgda().normalize(name) needs one of "
                    + NORMALIZATIONS + ". Received: " + normalization
                    + ". Use e.g. mgda().normalize(\"loss+\").");
        }
    }

    /** MGDA without normalisation. */
    public MgdaWeighting() {
        this("none");
    }

    /** The same strategy with gradients normalised by {@code name}: none, l2, loss or loss+. */
    public MgdaWeighting normalize(String name) {
        return new MgdaWeighting(name);
    }

    @Override
    public GradientRule rule(WeightingContext context) {
        return new GradientRule() {
            @Override
            public double[] weights(double[][] gram) {
                return weights(gram, GramMath.filled(gram.length, 1));
            }

            @Override
            public double[] weights(double[][] gram, double[] losses) {
                return minNorm(normalized(gram, losses));
            }

            @Override
            public boolean usesLosses() {
                return normalization.startsWith("loss");
            }
        };
    }

    /** The Gram matrix of the normalised gradients. */
    double[][] normalized(double[][] gram, double[] losses) {
        int n = gram.length;
        double[] divisor = new double[n];
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt(Math.max(0, gram[i][i]));
            divisor[i] = Math.max(1e-30, switch (normalization) {
                case "l2" -> norm;
                case "loss" -> losses[i];
                case "loss+" -> losses[i] * norm;
                default -> 1;
            });
        }
        double[][] result = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                result[i][j] = gram[i][j] / (divisor[i] * divisor[j]);
            }
        }
        return result;
    }

    /** The convex weights of the minimum-norm point of the gradients' hull. */
    static double[] minNorm(double[][] gram) {
        int n = gram.length;
        if (n == 1) {
            return new double[] {1};
        }
        if (n == 2) {
            double gamma = lineMinimum(gram[0][0], gram[0][1], gram[1][1]);
            return new double[] {gamma, 1 - gamma};
        }
        double scale = GramMath.maxDiagonal(gram);
        if (!(scale > 0)) {
            return GramMath.filled(n, 1.0 / n);
        }
        return SimplexQp.solve(GramMath.scaled(gram, scale), new double[n]).w();
    }

    /**
     * The γ in [0, 1] minimising {@code |γ a + (1 − γ) b|²}, given {@code a·a}, {@code a·b} and
     * {@code b·b}.
     */
    static double lineMinimum(double aa, double ab, double bb) {
        double curvature = aa + bb - 2 * ab;
        if (curvature <= 1e-20 * Math.max(aa, bb)) {
            return aa <= bb ? 1 : 0;
        }
        return Math.max(0, Math.min(1, (bb - ab) / curvature));
    }

    @Override
    public String toString() {
        return normalization.equals("none") ? "mgda()"
                : "mgda().normalize(\"" + normalization + "\")";
    }
}
