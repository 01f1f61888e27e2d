package org.mtl4j.weighting;

/**
 * FairGrad (Ban and Ji 2024, "Fair Resource Allocation in Multi-Task Learning", ICML): treats the
 * tasks' improvements {@code g_i·d} as resources shared by α-fairness, the update {@code d = Σ w_i
 * g_i} with {@code g_i·d = w_i^{-1/α}} for every task, i.e. {@code (G w)_i = w_i^{-1/α}}, w &gt; 0.
 * α = 1 is proportional fairness (the condition Nash-MTL solves), larger α moves towards
 * max-min fairness, α → 0 towards the plain sum. The weight chart shows w.
 *
 * <p>Defaults: α = 1 and the start {@code w = 1/T} (mtl4j starts at 1 where {@code
 * (1/T)^{-1/α}} overflows), as in LibMTL's implementation, which solves the
 * equations with scipy's bounded least squares. mtl4j solves them to rounding with Newton's method
 * on the strictly convex function whose gradient they are ({@code ½ wᵀGw − Σ h(w_i)}, {@code h' =
 * w^{-1/α}}), with step halving that keeps w positive and the function decreasing; it stops when
 * the residual is below 1e-12 of its scale, when no step lowers the function any more (rounding:
 * for α = 1e-4 the residual ends near 1e-8 of its scale), or after 200 iterations. A task whose gradient is zero
 * has no finite solution; its weight stops where the iterations end.
 *
 * <p>Example: {@code .weighting(fairGrad())}, {@code .weighting(fairGrad(2.0))}
 *
 * @param alpha the fairness α &gt; 0
 */
public record FairGradWeighting(double alpha) implements GradientWeighting {

    /** LibMTL's default α. */
    public static final double DEFAULT_ALPHA = 1.0;

    private static final int MAX_ITERATIONS = 200;

    /** Checks α. */
    public FairGradWeighting {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("fairGrad(alpha) needs a finite alpha > 0."
                    + " Received: alpha=" + alpha + ". Use e.g. fairGrad(1.0).");
        }
    }

    @Override
    public GradientRule rule(WeightingContext context) {
        return this::weights;
    }

    /** The w solving {@code (G w)_i = w_i^{-1/α}}. */
    double[] weights(double[][] gram) {
        int n = gram.length;
        double[] w = GramMath.filled(n, 1.0 / n);
        if (Double.isInfinite(Math.pow(1.0 / n, -1 / alpha))) {
            w = GramMath.filled(n, 1); // small α: (1/T)^(-1/α) overflows, 1^(-1/α) does not
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] residual = residual(gram, w);
            if (converged(gram, w, residual)) {
                break;
            }
            double[][] jacobian = new double[n][];
            for (int i = 0; i < n; i++) {
                jacobian[i] = gram[i].clone();
                jacobian[i][i] += Math.pow(w[i], -1 / alpha - 1) / alpha;
            }
            double[] step = GramMath.solve(jacobian, residual);
            if (step == null) {
                break;
            }
            double[] next = lineSearch(gram, w, step);
            if (next == w) {
                break; // no step lowers φ any more: w is the minimum to rounding
            }
            w = next;
        }
        return w;
    }

    /** {@code G w − w^{-1/α}}. */
    double[] residual(double[][] gram, double[] w) {
        double[] r = GramMath.times(gram, w);
        for (int i = 0; i < w.length; i++) {
            r[i] -= Math.pow(w[i], -1 / alpha);
        }
        return r;
    }

    private boolean converged(double[][] gram, double[] w, double[] residual) {
        for (int i = 0; i < w.length; i++) {
            double scale = Math.pow(w[i], -1 / alpha);
            if (Math.abs(residual[i]) > 1e-12 * scale) {
                return false;
            }
        }
        return true;
    }

    /** {@code w − t·step} for the largest t in 1, ½, ¼... that keeps w positive and φ lower. */
    private double[] lineSearch(double[][] gram, double[] w, double[] step) {
        double current = objective(gram, w);
        double t = 1;
        for (int halving = 0; halving < 60; halving++, t /= 2) {
            double[] next = new double[w.length];
            boolean positive = true;
            for (int i = 0; i < w.length; i++) {
                next[i] = w[i] - t * step[i];
                positive &= next[i] > 0;
            }
            if (positive && objective(gram, next) <= current) {
                return next;
            }
        }
        return w;
    }

    /** {@code ½ wᵀGw − Σ h(w_i)} with {@code h' = w^{-1/α}}. */
    private double objective(double[][] gram, double[] w) {
        double value = GramMath.quadratic(gram, w) / 2;
        for (double x : w) {
            value -= alpha == 1 ? Math.log(x)
                    : Math.pow(x, 1 - 1 / alpha) / (1 - 1 / alpha);
        }
        return value;
    }

    @Override
    public String toString() {
        return "fairGrad(" + alpha + ")";
    }
}
