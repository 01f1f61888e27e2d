package org.mtl4j.weighting;

/**
 * Nash-MTL (Navon et al. 2022, "Multi-Task Learning as a Bargaining Game", ICML): the update
 * {@code d = Σ α_i g_i} is the Nash bargaining solution between the tasks, characterised by
 * {@code (GGᵀ) α = 1/α} element-wise, α > 0; so every task's gain {@code g_i·d = 1/α_i} and a task
 * with a large gradient gets a small weight. Here the condition is the optimality condition of the
 * strictly convex, self-concordant {@code ½ αᵀMα − Σ log α_i}, solved by damped Newton steps on
 * the host until {@code max_i |α_i (Mα)_i − 1| ≤ 1e-10}, or until full steps stop reducing it
 * (the rounding floor when M is nearly singular), at most 500 steps; the iterate with the
 * smallest residual is used. The paper's code runs 20 convex programs of a concave-convex
 * procedure instead. As in the
 * authors' code, M is the Gram matrix divided by its Frobenius norm, so the update scales like
 * the gradients; mtl4j adds 1e-8 to M's diagonal so that α stays finite when gradients are
 * linearly dependent. The weight chart shows α.
 *
 * <p>The paper's options: {@link #maxNorm(double) maxNorm(m)} scales α so that the combined
 * shared gradient's norm {@code |d|} is at most m (as {@code clip_grad_norm_}, with its 1e-6);
 * {@link #updateEvery(int) updateEvery(k)} solves for α on one step in k and reuses it on the
 * others (for the same number of labelled tasks; otherwise it solves again). The authors' code
 * defaults to max_norm = 1.0, but calls the clip before the backward pass, where the shared
 * gradients are still zero, so it has no effect there; mtl4j defaults to no cap (0) and, when
 * asked, caps the actual update. The default k = 1 is the paper's.
 *
 * <p>Example: {@code .weighting(nashMtl())}, {@code .weighting(nashMtl().maxNorm(1.0).updateEvery(5))}
 *
 * @param maxNorm the cap on the combined shared gradient's norm, > 0; 0 for none
 * @param updateEvery solve for the weights on one step in this many, ≥ 1
 */
public record NashMtlWeighting(double maxNorm, int updateEvery) implements GradientWeighting {

    /** The largest accepted {@code |α_i (Mα)_i − 1|}. */
    static final double TOLERANCE = 1e-10;

    private static final int ITERATIONS = 500;
    private static final double RIDGE = 1e-8;

    /** Checks the options. */
    public NashMtlWeighting {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("nashMtl().maxNorm(m) needs a finite m > 0, or 0"
                    + " for no cap. Received: " + maxNorm + ". Use e.g. maxNorm(1.0).");
        }
        if (updateEvery < 1) {
            throw new IllegalArgumentException("nashMtl().updateEvery(k) needs k ≥ 1. Received: "
                    + updateEvery + ". Use e.g. updateEvery(1) to solve on every step.");
        }
    }

    /** Nash-MTL solved on every step, without a norm cap. */
    public NashMtlWeighting() {
        this(0, 1);
    }

    /** The same strategy with the combined shared gradient's norm capped at {@code norm}. */
    public NashMtlWeighting maxNorm(double norm) {
        return new NashMtlWeighting(norm, updateEvery);
    }

    /** The same strategy solving for the weights on one step in {@code steps}. */
    public NashMtlWeighting updateEvery(int steps) {
        return new NashMtlWeighting(maxNorm, steps);
    }

    @Override
    public GradientRule rule(WeightingContext context) {
        return new NashMtlRule(maxNorm, updateEvery);
    }

    /** The bargaining weights for the Gram matrix. */
    static double[] weights(double[][] gram) {
        return solve(gram).alphas();
    }

    /**
     * The bargaining weights with the size of their last Newton step's residual.
     *
     * @param alphas the weights
     * @param residual {@code max_i |α_i (Mα)_i − 1|}
     */
    record Solution(double[] alphas, double residual) {}

    /**
     * Solves the bargaining condition by damped Newton steps on the self-concordant objective
     * (step {@code 1/(1 + δ)} while the Newton decrement δ ≥ 1/4, full steps after), stopping at
     * the tolerance, at the iteration cap, or when full steps stop reducing the residual (the
     * rounding floor of an ill-conditioned M); the iterate with the smallest residual is kept.
     */
    static Solution solve(double[][] gram) {
        double[][] m = scaled(gram);
        int n = m.length;
        double[] alphas = GramMath.filled(n, 1);
        double[] best = alphas;
        double bestResidual = residual(m, alphas);
        int stalled = 0;
        for (int iteration = 0; iteration < ITERATIONS && bestResidual > TOLERANCE
                && stalled < 3; iteration++) {
            double[] gradient = GramMath.times(m, alphas);
            double[][] hessian = new double[n][];
            for (int i = 0; i < n; i++) {
                gradient[i] -= 1 / alphas[i];
                hessian[i] = m[i].clone();
                hessian[i][i] += 1 / (alphas[i] * alphas[i]);
            }
            double[] step = GramMath.solve(hessian, gradient);
            if (step == null) {
                break;
            }
            double decrement = Math.sqrt(Math.max(0, GramMath.dot(step, gradient)));
            double size = decrement < 0.25 ? 1 : 1 / (1 + decrement);
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = alphas[i] - size * step[i];
            }
            alphas = next;
            double r = residual(m, alphas);
            if (r < bestResidual) {
                best = alphas;
                bestResidual = r;
                stalled = 0;
            } else if (decrement < 0.25) {
                stalled++;
            }
        }
        return new Solution(best, bestResidual);
    }

    /** M: the Gram matrix over its Frobenius norm, plus the ridge. */
    static double[][] scaled(double[][] gram) {
        int n = gram.length;
        double frobenius = 0;
        for (double[] row : gram) {
            for (double value : row) {
                frobenius += value * value;
            }
        }
        frobenius = Math.sqrt(frobenius);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = frobenius > 0 ? gram[i][j] / frobenius : 0;
            }
            m[i][i] += RIDGE;
        }
        return m;
    }

    private static double residual(double[][] m, double[] alphas) {
        double[] product = GramMath.times(m, alphas);
        double worst = 0;
        for (int i = 0; i < alphas.length; i++) {
            worst = Math.max(worst, Math.abs(alphas[i] * product[i] - 1));
        }
        return worst;
    }

    @Override
    public String toString() {
        String text = "nashMtl()";
        if (maxNorm > 0) {
            text += ".maxNorm(" + maxNorm + ")";
        }
        return updateEvery > 1 ? text + ".updateEvery(" + updateEvery + ")" : text;
    }
}
