package org.mtl4j.weighting;

/**
 * IMTL-G, impartial multi-task learning on gradients (Liu et al. 2021, "Towards Impartial
 * Multi-task Learning", ICLR): the update {@code d = Σ α_i g_i} with {@code Σ α_i = 1} whose
 * projections onto every task's unit gradient are equal, so no task dominates the shared
 * parameters. Closed form: the paper's {@code α_{2..T} = g₁Uᵀ (DUᵀ)⁻¹} ({@code D} the
 * differences {@code g₁ − g_t}, {@code U} those of the unit gradients) is, when the gradients are
 * linearly independent, {@code α = G⁻¹|g| / Σ (G⁻¹|g|)} with G the Gram matrix and |g| the
 * gradient norms (the projections {@code (Gα)_i/|g_i|} are then all equal). mtl4j solves this
 * form first, which avoids the paper's differences of nearly equal unit gradients, then the
 * paper's form if G is singular (linearly dependent gradients), each in double precision with
 * partial pivoting and one step of iterative refinement, and accepts a solution whose relative
 * residual is at most 1e-10 and whose projections agree to 1e-6. When neither does (parallel
 * gradients), the step falls back to the average. The weight chart shows α. No
 * hyper-parameters.
 *
 * <p>The paper's loss-scale half is {@link ImtlLossWeighting} ({@code imtlL()}).
 * {@link #withLossScales()} is the paper's full IMTL: every loss scaled by a learned
 * {@code e^{s_t}} (s_t from 0, trained like IMTL-L by an optimizer like the model's), the shared
 * parameters combined by IMTL-G from the scaled losses' gradients, each head on its own scaled
 * loss; the weight chart then shows {@code α_t e^{s_t}}, each raw task gradient's weight in the
 * shared update. mtl4j's {@code imtl()} is IMTL-G alone (as in LibMTL's and Nash-MTL's code),
 * not the paper's hybrid default.
 *
 * <p>Example: {@code .weighting(imtl())}, {@code .weighting(imtl().withLossScales())}
 *
 * @param lossScales whether the losses are scaled as in IMTL-L first (the full IMTL)
 */
public record ImtlWeighting(boolean lossScales) implements GradientWeighting {

    /** IMTL-G alone. */
    public ImtlWeighting() {
        this(false);
    }

    /** The paper's full IMTL: IMTL-G on the gradients of losses scaled as in IMTL-L. */
    public ImtlWeighting withLossScales() {
        return new ImtlWeighting(true);
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        if (!lossScales) {
            return GradientWeighting.super.start(context);
        }
        context.requireSharedParameters(toString());
        return new ImtlHybridWeigher(context.sharedParameters(), context);
    }

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
        double[] alphas = byGram(gram, norms);
        if (!equalProjections(gram, norms, alphas)) {
            alphas = byDifferences(gram, norms);
        }
        return equalProjections(gram, norms, alphas) ? alphas : GramMath.filled(n, 1.0 / n);
    }

    /** {@code G⁻¹|g| / Σ (G⁻¹|g|)}, or null when G is singular. */
    private static double[] byGram(double[][] gram, double[] norms) {
        double[] x = refined(gram, norms);
        double sum = 0;
        for (int i = 0; x != null && i < x.length; i++) {
            sum += x[i];
        }
        if (x == null || sum == 0) {
            return null;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** The paper's form, α₂..α_T from {@code (g₁ − g_i)·(u₁ − u_j)} and {@code g₁·(u₁ − u_j)}. */
    private static double[] byDifferences(double[][] gram, double[] norms) {
        int n = gram.length;
        double[][] system = new double[n - 1][n - 1];
        double[] right = new double[n - 1];
        for (int j = 1; j < n; j++) {
            right[j - 1] = gram[0][0] / norms[0] - gram[0][j] / norms[j];
            for (int i = 1; i < n; i++) {
                system[j - 1][i - 1] = gram[0][0] / norms[0] - gram[0][j] / norms[j]
                        - gram[i][0] / norms[0] + gram[i][j] / norms[j];
            }
        }
        double[] rest = refined(system, right);
        if (rest == null) {
            return null;
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

    /**
     * Whether α is finite and its projections {@code (Gα)_i/|g_i|} agree to 1e-6 of the largest
     * (or, when they are all zero, to rounding: {@code 1e-12 · max|g| · Σ|α|}).
     */
    private static boolean equalProjections(double[][] gram, double[] norms, double[] alphas) {
        if (alphas == null) {
            return false;
        }
        double[] gw = GramMath.times(gram, alphas);
        double size = 0;
        double floor = 0;
        for (int i = 0; i < gw.length; i++) {
            size = Math.max(size, Math.abs(gw[i] / norms[i]));
            floor = Math.max(floor, 1e-12 * norms[i]);
        }
        double weight = 0;
        for (double alpha : alphas) {
            weight += Math.abs(alpha);
        }
        double tolerance = 1e-6 * size + floor * weight;
        for (int i = 0; i < gw.length; i++) {
            if (!Double.isFinite(alphas[i])
                    || !(Math.abs(gw[i] / norms[i] - gw[0] / norms[0]) <= tolerance)) {
                return false;
            }
        }
        return true;
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
        return lossScales ? "imtl().withLossScales()" : "imtl()";
    }
}
