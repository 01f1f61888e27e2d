package org.mtl4j.weighting;

/**
 * CAGrad, conflict-averse gradient descent (Liu et al. 2021, "Conflict-Averse Gradient Descent
 * for Multi-task Learning", NeurIPS): the update {@code d} maximises the worst task's improvement
 * {@code min_i g_i·d} within a ball of radius {@code c·|g₀|} around the average gradient g₀.
 * The dual, {@code min_w g_w·g₀ + c|g₀||g_w|} over the simplex ({@code g_w = Σ w_i g_i}), gives
 * {@code d = (g₀ + λ g_w) / (1 + c²)} with {@code λ = c|g₀| / |g_w|} and the weights α_i =
 * {@code (1/T + λ w_i) / (1 + c²)} that the weight chart shows. {@code c = 0} is the average
 * gradient. The dual is solved exactly: in closed form for two tasks, and beyond two as a
 * sequence of quadratic programs over the simplex (each to a duality gap of 1e-14) whose
 * multiplier λ is found by bisection until {@code λ|g_w| = c|g₀|} to 1e-12 (see
 * {@link CagradSolver}). The paper's code instead runs SLSQP (NYUv2) or 20 momentum-SGD steps on
 * softmax logits (its other experiments, and mtl4j before), and adds 1e-4 or 1e-8 under its
 * square roots; near a Pareto-stationary point such an inexact solution can point the wrong way.
 *
 * <p>Example: {@code .weighting(cagrad())} (c = 0.4), {@code .weighting(cagrad(0.2))}
 *
 * @param c the radius of the ball around the average gradient, relative to its norm, ≥ 0
 */
public record CagradWeighting(double c) implements GradientWeighting {

    /** The default radius, as in the paper's multi-task experiments. */
    public static final double DEFAULT_C = 0.4;

    /** Checks c. */
    public CagradWeighting {
        if (!(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("cagrad(c) needs a finite c ≥ 0. Received: c=" + c
                    + ". Use e.g. cagrad(0.4).");
        }
    }

    @Override
    public GradientRule rule(WeightingContext context) {
        return this::weights;
    }

    /** The α_i of the conflict-averse update. */
    double[] weights(double[][] rawGram) {
        return CagradSolver.weights(rawGram, c);
    }

    @Override
    public String toString() {
        return "cagrad(" + c + ")";
    }
}
