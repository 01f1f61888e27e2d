package org.mtl4j.weighting;

/**
 * IMTL-G, impartial multi-task learning on gradients (Liu et al. 2021, "Towards Impartial
 * Multi-task Learning", ICLR): the update {@code d = Σ α_i g_i} with {@code Σ α_i = 1} whose
 * projections onto every task's unit gradient are equal, so no task dominates the shared
 * parameters. Closed form: {@code α_{2..T} = g₁Uᵀ (DUᵀ)⁻¹} with {@code D} the differences
 * {@code g₁ − g_t} and {@code U} those of the unit gradients. The weight chart shows α. When the
 * system is singular (parallel gradients) the step falls back to the average. No
 * hyper-parameters; the loss-scale half of the paper (IMTL-L) is left out.
 *
 * <p>Example: {@code .weighting(imtl())}
 */
public record ImtlWeighting() implements GradientWeighting {

    @Override
    public GradientRule rule(WeightingContext context) {
        return ImtlWeighting::weights;
    }

    /** The α_i with equal projections on every unit gradient. */
    static double[] weights(double[][] gram) {
        int n = gram.length;
        if (n == 1) {
            return new double[] {1};
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Math.sqrt(Math.max(gram[i][i], 0)) + 1e-12;
        }
        // (g_1 - g_i) · (u_1 - u_j) and g_1 · (u_1 - u_j), for i, j = 2..n
        double[][] system = new double[n - 1][n - 1];
        double[] right = new double[n - 1];
        for (int j = 1; j < n; j++) {
            right[j - 1] = gram[0][0] / norms[0] - gram[0][j] / norms[j];
            for (int i = 1; i < n; i++) {
                system[j - 1][i - 1] = gram[0][0] / norms[0] - gram[0][j] / norms[j]
                        - gram[i][0] / norms[0] + gram[i][j] / norms[j];
            }
        }
        double[] rest = GramMath.solve(system, right);
        if (rest == null) {
            return GramMath.filled(n, 1.0 / n);
        }
        double[] alphas = new double[n];
        double sum = 0;
        for (int i = 1; i < n; i++) {
            alphas[i] = rest[i - 1];
            sum += rest[i - 1];
        }
        alphas[0] = 1 - sum;
        return alphas;
    }

    @Override
    public String toString() {
        return "imtl()";
    }
}
