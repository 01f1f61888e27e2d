package org.mtl4j.weighting;

import java.util.Random;

/**
 * PCGrad, "gradient surgery" (Yu et al. 2020, "Gradient Surgery for Multi-Task Learning",
 * NeurIPS): each task's shared gradient is projected onto the normal plane of every other task's
 * gradient it conflicts with (negative inner product), the other tasks taken in random order; the
 * update is the sum of the projected gradients. Heads get their own task's gradient.
 *
 * <p>The projected sum is a combination {@code Σ α_i g_i} of the original gradients; the weight
 * chart shows the α_i (1 each when no gradients conflict). No hyper-parameters; the order is
 * drawn from the fit's seed.
 *
 * <p>Example: {@code .weighting(pcgrad())}
 */
public record PcgradWeighting() implements GradientWeighting {

    @Override
    public GradientRule rule(WeightingContext context) {
        ResumableRandom random = new ResumableRandom(context.seed());
        return new GradientRule() {
            @Override
            public double[] weights(double[][] gram) {
                return PcgradWeighting.weights(gram, random);
            }

            @Override
            public java.util.Map<String, double[]> state() {
                return random.state();
            }

            @Override
            public java.util.Map<String, StateMerge> stateMerging() {
                return ResumableRandom.MERGING;
            }

            @Override
            public void restore(java.util.Map<String, double[]> state) {
                random.restore(state);
            }
        };
    }

    /** The α_i of the projected sum, for the Gram matrix of the tasks' gradients. */
    static double[] weights(double[][] gram, Random random) {
        int n = gram.length;
        double[][] projected = new double[n][n];
        for (int i = 0; i < n; i++) {
            projected[i][i] = 1;
            for (int j : GramMath.shuffledOthers(i, n, random)) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += projected[i][k] * gram[k][j];
                }
                if (dot < 0 && gram[j][j] > 0) {
                    projected[i][j] -= dot / gram[j][j];
                }
            }
        }
        return GramMath.rowSum(projected);
    }

    @Override
    public String toString() {
        return "pcgrad()";
    }
}
