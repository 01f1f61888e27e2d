package org.mtl4j.weighting;

/**
 * UPGrad, unconflicting projection of gradients (Quinton and Rey 2024, "Jacobian Descent for
 * Multi-Objective Optimization"): each task's gradient, scaled by 1/T, is projected onto the dual
 * cone of all the tasks' gradients ({@code {d : g_j·d ≥ 0 for every j}}, the directions no task
 * loses along) and the projections are added up. With no conflict it is the mean gradient; with
 * conflicts no task's loss increases to first order. Each projection is the small quadratic
 * program {@code min wᵀ G w, w ≥ e_i / T} over the Gram matrix G, solved to optimality here
 * ({@link BoxQp}); the weight chart shows {@code α = Σ_i w_i}.
 *
 * <p>Defaults are those of the paper's library (torchjd's {@code UPGrad()}): the mean as
 * preference vector, the Gram matrix divided by its trace unless that is below 1e-4 ({@code
 * norm_eps}), then 1e-4 added to its diagonal ({@code reg_eps}). torchjd solves the programs
 * with quadprog; mtl4j with its own exact solver, which agrees to rounding.
 *
 * <p>Example: {@code .weighting(upgrad())}
 */
public record UpgradWeighting() implements GradientWeighting {

    static final double NORM_EPSILON = 1e-4;
    static final double REGULARISATION = 1e-4;

    @Override
    public GradientRule rule(WeightingContext context) {
        return gram -> weights(gram, REGULARISATION);
    }

    /** The α_i of the summed projections, with {@code regularisation} added to the diagonal. */
    static double[] weights(double[][] rawGram, double regularisation) {
        int n = rawGram.length;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += rawGram[i][i];
        }
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gram[i][j] = trace < NORM_EPSILON ? 0 : rawGram[i][j] / trace;
            }
            gram[i][i] += regularisation;
        }
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            double[] lower = new double[n];
            lower[i] = 1.0 / n;
            double[] w = BoxQp.minimise(gram, lower);
            for (int k = 0; k < n; k++) {
                alphas[k] += w[k];
            }
        }
        return alphas;
    }

    @Override
    public String toString() {
        return "upgrad()";
    }
}
