package org.mtl4j.weighting;

/**
 * MGDA (Sener and Koltun 2018, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS):
 * the update is the minimum-norm point of the convex hull of the tasks' shared gradients, a
 * common descent direction for every task (Pareto-stationary when it is zero). The weights
 * {@code α ≥ 0, Σ α = 1} come from the Frank-Wolfe solver of the paper, run on the Gram matrix;
 * they are what the weight chart shows. Gradients are taken on the shared parameters (the paper's
 * MGDA-UB, {@code mgda().onTrunkOutput()}, takes them on the trunk output instead). No
 * normalisation of the gradients (LibMTL's default); no hyper-parameters.
 *
 * <p>Example: {@code .weighting(mgda())}
 */
public record MgdaWeighting() implements GradientWeighting {

    private static final int ITERATIONS = 250;
    private static final double TOLERANCE = 1e-6;

    @Override
    public GradientRule rule(WeightingContext context) {
        return MgdaWeighting::minNorm;
    }

    /** The convex weights of the minimum-norm point of the gradients' hull. */
    static double[] minNorm(double[][] gram) {
        int n = gram.length;
        double[] alphas = new double[n];
        int[] pair = bestPair(gram);
        double gamma = lineMinimum(gram[pair[0]][pair[0]], gram[pair[0]][pair[1]],
                gram[pair[1]][pair[1]]);
        alphas[pair[0]] += gamma;
        alphas[pair[1]] += 1 - gamma;
        for (int iteration = 0; iteration < ITERATIONS && n > 2; iteration++) {
            double[] gradient = GramMath.times(gram, alphas);
            int vertex = 0;
            for (int i = 1; i < n; i++) {
                if (gradient[i] < gradient[vertex]) {
                    vertex = i;
                }
            }
            double step = lineMinimum(GramMath.dot(alphas, gradient), gradient[vertex],
                    gram[vertex][vertex]);
            double change = 0;
            for (int i = 0; i < n; i++) {
                double next = step * alphas[i] + (i == vertex ? 1 - step : 0);
                change += Math.abs(next - alphas[i]);
                alphas[i] = next;
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return alphas;
    }

    /** The two tasks whose segment holds the lowest-norm point (one task: itself twice). */
    private static int[] bestPair(double[][] gram) {
        int[] best = {0, 0};
        double bestNorm = gram[0][0];
        for (int i = 0; i < gram.length; i++) {
            for (int j = i; j < gram.length; j++) {
                double gamma = lineMinimum(gram[i][i], gram[i][j], gram[j][j]);
                double norm = gamma * gamma * gram[i][i] + 2 * gamma * (1 - gamma) * gram[i][j]
                        + (1 - gamma) * (1 - gamma) * gram[j][j];
                if (norm < bestNorm) {
                    bestNorm = norm;
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }

    /**
     * The γ in [0, 1] minimising {@code |γ a + (1 − γ) b|²}, given {@code a·a}, {@code a·b} and
     * {@code b·b}.
     */
    static double lineMinimum(double aa, double ab, double bb) {
        double curvature = aa + bb - 2 * ab;
        if (curvature <= 1e-20) {
            return 1;
        }
        return Math.max(0, Math.min(1, (bb - ab) / curvature));
    }

    @Override
    public String toString() {
        return "mgda()";
    }
}
