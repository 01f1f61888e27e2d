package org.mtl4j.weighting;

/**
 * IMTL-G, impartial multi-task learning on gradients (Liu et al. 2021, "Towards Impartial
 * Multi-task Learning", ICLR): the update {@code d = Σ α_i g_i} with {@code Σ α_i = 1} whose
 * projections onto every task's unit gradient are equal, so no task dominates the shared
 * parameters. Closed form: the paper's {@code α_{2..T} = g₁Uᵀ (DUᵀ)⁻¹} ({@code D} the
 * differences {@code g₁ − g_t}, {@code U} those of the unit gradients) is, when the gradients are
 * linearly independent, {@code α = G⁻¹|g| / Σ (G⁻¹|g|)} with G the Gram matrix and |g| the
 * gradient norms (the projections {@code (Gα)_i/|g_i|} are then all equal). mtl4j solves this
 * form, which avoids the paper's differences of nearly equal unit gradients, in double precision
 * with partial pivoting and one step of iterative refinement. The weight chart shows α. When the
 * system is singular (parallel gradients) or its relative residual stays above 1e-10, the step
 * falls back to the average. No
 * hyper-parameters; the loss-scale half of the paper (IMTL-L) is left out.
 *
 * <p>Example: {@code .weighting(imtl())}
 */
public record ImtlWeighting() implements GradientWeighting {

    /** The relative residual accepted for the linear system; above it, the average is used. */
    static final double TOLERANCE = 1e-10;

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
            norms[i] = Math.sqrt(Math.max(gram[i][i], 0));
        }
        double[] x = refined(gram, norms);
        double sum = 0;
        for (int i = 0; x != null && i < n; i++) {
            sum += x[i];
        }
        if (x == null || !(Math.abs(sum) > 0) || Double.isInfinite(sum)) {
            return GramMath.filled(n, 1.0 / n);
        }
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            alphas[i] = x[i] / sum;
        }
        return alphas;
    }

    /**
     * The solution of {@code a x = b} after one step of iterative refinement, or null when a is
     * singular or the relative residual {@code |b − a x|∞ / (|b|∞ + |a|∞|x|∞)} stays above
     * {@link #TOLERANCE}.
     */
    static double[] refined(double[][] a, double[] b) {
        double[] x = GramMath.solve(a, b);
        if (x == null) {
            return null;
        }
        double[] correction = GramMath.solve(a, residual(a, b, x));
        if (correction != null) {
            for (int i = 0; i < x.length; i++) {
                x[i] += correction[i];
            }
        }
        double[] r = residual(a, b, x);
        double size = maxAbs(b);
        for (double[] row : a) {
            size = Math.max(size, maxAbs(b) + maxAbs(row) * a.length * maxAbs(x));
        }
        return maxAbs(r) <= TOLERANCE * size ? x : null;
    }

    private static double[] residual(double[][] a, double[] b, double[] x) {
        double[] ax = GramMath.times(a, x);
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] - ax[i];
        }
        return r;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    public String toString() {
        return "imtl()";
    }
}
