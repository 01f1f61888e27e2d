package org.mtl4j.weighting;

import ai.djl.ndarray.types.DataType;

/**
 * Geometric loss strategy, GLS (Chennupati, Sistu, Yogamani and Rawashdeh 2019, "MultiNet++:
 * Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning", CVPR
 * Workshops): minimises the geometric mean of the task losses, {@code (Π_i L_i)^{1/T}}, which is
 * invariant to each loss's scale. Its gradient weighs task i by {@code α_i = (Π L)^{1/T} / (T ·
 * L_i)}: a task whose loss is small relative to the others gets more weight. No settings, no
 * state.
 *
 * <p>As in LibMTL's implementation, the weights are the exact derivative of the geometric mean; the
 * weights are computed on the host from the losses and the weighted sum is backpropagated, which
 * has the same gradient. mtl4j takes the mean over the tasks labelled in the step (T = their
 * number); when a labelled loss is exactly 0 the geometric mean is 0 and every weight is 0.
 *
 * <p>Example: {@code .weighting(gls())}
 */
public record GlsWeighting() implements Weighting {

    @Override
    public TaskWeigher start(WeightingContext context) {
        return losses -> {
            double[] values = losses.stacked().toType(DataType.FLOAT64, false).toDoubleArray();
            boolean[] labelled = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                labelled[i] = losses.hasLabels(i);
            }
            return Weighers.weightedBackward(losses, weights(values, labelled));
        };
    }

    /** {@code α_i = G / (T L_i)} over the labelled tasks, G their geometric mean. */
    static double[] weights(double[] losses, boolean[] labelled) {
        double logSum = 0;
        int count = 0;
        boolean zero = false;
        for (int i = 0; i < losses.length; i++) {
            if (labelled[i]) {
                zero |= !(losses[i] > 0);
                logSum += zero ? 0 : Math.log(losses[i]);
                count++;
            }
        }
        double[] alphas = new double[losses.length];
        if (count == 0 || zero) {
            return alphas;
        }
        double geometric = Math.exp(logSum / count);
        for (int i = 0; i < losses.length; i++) {
            if (labelled[i]) {
                alphas[i] = geometric / (count * losses[i]);
            }
        }
        return alphas;
    }

    @Override
    public String toString() {
        return "gls()";
    }
}
