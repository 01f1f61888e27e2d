package org.mtl4j.weighting;

/**
 * Nash-MTL (Navon et al. 2022, "Multi-Task Learning as a Bargaining Game", ICML): the update
 * {@code d = Σ α_i g_i} is the Nash bargaining solution between the tasks, characterised by
 * {@code (GGᵀ) α = 1/α} element-wise, α > 0; so every task's gain {@code g_i·d = 1/α_i} and a task
 * with a large gradient gets a small weight. Here the condition is the optimality condition of the
 * strictly convex {@code ½ αᵀMα − Σ log α_i}, solved exactly by Newton's method on the host
 * instead of the paper's sequence of convex programs. As in the authors' code, M is the Gram
 * matrix divided by its Frobenius norm, so the update scales like the gradients. The weight
 * chart shows α. Left out: the authors' optional gradient-norm cap (use the fit option
 * {@code clipGradientNorm}) and updating the weights only every few steps.
 *
 * <p>Example: {@code .weighting(nashMtl())}
 */
public record NashMtlWeighting() implements GradientWeighting {

    private static final int ITERATIONS = 100;
    private static final double RIDGE = 1e-8;

    @Override
    public GradientRule rule(WeightingContext context) {
        return NashMtlWeighting::weights;
    }

    /** The bargaining weights for the Gram matrix. */
    static double[] weights(double[][] gram) {
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
        double[] alphas = GramMath.filled(n, 1);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] gradient = GramMath.times(m, alphas);
            double[][] hessian = new double[n][];
            double size = 0;
            for (int i = 0; i < n; i++) {
                gradient[i] -= 1 / alphas[i];
                size += gradient[i] * gradient[i];
                hessian[i] = m[i].clone();
                hessian[i][i] += 1 / (alphas[i] * alphas[i]);
            }
            if (size < 1e-20) {
                break;
            }
            double[] step = GramMath.solve(hessian, gradient);
            if (step == null) {
                break;
            }
            alphas = descend(m, alphas, step);
        }
        return alphas;
    }

    /** A Newton step, halved until α stays positive and the objective falls. */
    private static double[] descend(double[][] m, double[] alphas, double[] step) {
        double before = objective(m, alphas);
        for (double t = 1; t > 1e-10; t /= 2) {
            double[] next = new double[alphas.length];
            boolean positive = true;
            for (int i = 0; i < alphas.length; i++) {
                next[i] = alphas[i] - t * step[i];
                positive &= next[i] > 0;
            }
            if (positive && objective(m, next) <= before) {
                return next;
            }
        }
        return alphas;
    }

    private static double objective(double[][] m, double[] alphas) {
        double value = GramMath.quadratic(m, alphas) / 2;
        for (double alpha : alphas) {
            value -= Math.log(alpha);
        }
        return value;
    }

    @Override
    public String toString() {
        return "nashMtl()";
    }
}
