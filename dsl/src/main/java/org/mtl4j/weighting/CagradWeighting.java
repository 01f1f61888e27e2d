package org.mtl4j.weighting;

/**
 * CAGrad, conflict-averse gradient descent (Liu et al. 2021, "Conflict-Averse Gradient Descent
 * for Multi-task Learning", NeurIPS): the update {@code d} maximises the worst task's improvement
 * {@code min_i g_i·d} within a ball of radius {@code c·|g₀|} around the average gradient g₀.
 * Solved in the dual over the simplex, as in the paper's code (20 steps of SGD with momentum on
 * softmax logits), giving {@code d = (g₀ + λ Σ w_i g_i) / (1 + c²)} and the weights α_i =
 * {@code (1/T + λ w_i) / (1 + c²)} that the weight chart shows. {@code c = 0} is the average
 * gradient.
 *
 * <p>Example: {@code .weighting(cagrad())} (c = 0.4), {@code .weighting(cagrad(0.2))}
 *
 * @param c the radius of the ball around the average gradient, relative to its norm, ≥ 0
 */
public record CagradWeighting(double c) implements GradientWeighting {

    /** The default radius, as in the paper's multi-task experiments. */
    public static final double DEFAULT_C = 0.4;

    private static final int ITERATIONS = 20;
    private static final double LEARNING_RATE = 25;
    private static final double MOMENTUM = 0.5;
    private static final double EPSILON = 1e-4;

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
        int n = rawGram.length;
        double[][] gram = normalised(rawGram);
        double[] averaged = GramMath.times(gram, GramMath.filled(n, 1.0 / n));
        double averageNormSquared = GramMath.dot(averaged, GramMath.filled(n, 1.0 / n));
        double radius = c * Math.sqrt(averageNormSquared + EPSILON);
        double[] logits = new double[n];
        double[] velocity = new double[n];
        for (int iteration = 0; iteration <= ITERATIONS; iteration++) {
            double[] w = softmax(logits);
            double[] gw = GramMath.times(gram, w);
            double norm = Math.sqrt(GramMath.dot(w, gw) + EPSILON);
            double[] dw = new double[n];
            for (int i = 0; i < n; i++) {
                dw[i] = averaged[i] + radius * gw[i] / norm;
            }
            double mean = GramMath.dot(w, dw);
            for (int i = 0; i < n; i++) {
                velocity[i] = MOMENTUM * velocity[i] + w[i] * (dw[i] - mean);
                logits[i] -= LEARNING_RATE * velocity[i];
            }
        }
        double[] w = softmax(logits);
        double lambda = radius / (Math.sqrt(GramMath.quadratic(gram, w) + EPSILON) + EPSILON);
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            alphas[i] = (1.0 / n + lambda * w[i]) / (1 + c * c);
        }
        return alphas;
    }

    /** The Gram matrix scaled so that the mean gradient norm is about 1 (conditioning only). */
    private static double[][] normalised(double[][] gram) {
        double scale = 0;
        for (int i = 0; i < gram.length; i++) {
            scale += Math.sqrt(gram[i][i] + EPSILON) / gram.length;
        }
        double[][] result = new double[gram.length][];
        for (int i = 0; i < gram.length; i++) {
            result[i] = new double[gram.length];
            for (int j = 0; j < gram.length; j++) {
                result[i][j] = gram[i][j] / (scale * scale);
            }
        }
        return result;
    }

    private static double[] softmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElse(0);
        double[] result = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            result[i] = Math.exp(logits[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < logits.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    @Override
    public String toString() {
        return "cagrad(" + c + ")";
    }
}
