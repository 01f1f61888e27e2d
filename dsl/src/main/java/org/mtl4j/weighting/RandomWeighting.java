package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * Random loss weighting, RLW (Lin et al. 2022, "Reasonable Effectiveness of Random Weighting: A
 * Litmus Test for Multi-Task Learning", TMLR): every step draws fresh weights, a softmax of
 * standard normal samples. A baseline that a strategy should beat to be worth its cost. Here the
 * weights are scaled to sum to T (the paper's sum to 1), so the learning rate means the same as
 * with {@code equal()}. Drawn from the fit's seed.
 *
 * <p>Example: {@code .weighting(rlw())}
 */
public record RandomWeighting() implements Weighting {

    @Override
    public TaskWeigher start(WeightingContext context) {
        ResumableRandom random = new ResumableRandom(context.seed());
        int tasks = context.tasks().size();
        return new TaskWeigher() {
            @Override
            public NDArray backward(StepLosses losses) {
                NDArray weights = context.scalars().vector(draw(random, tasks));
                weights.attach(losses.manager());
                losses.backward(losses.stacked().mul(weights).sum());
                return weights;
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

    /** T · softmax of T standard normal draws. */
    static double[] draw(Random random, int tasks) {
        double[] weights = new double[tasks];
        double sum = 0;
        for (int t = 0; t < tasks; t++) {
            weights[t] = Math.exp(random.nextGaussian());
            sum += weights[t];
        }
        for (int t = 0; t < tasks; t++) {
            weights[t] *= tasks / sum;
        }
        return weights;
    }

    @Override
    public String toString() {
        return "rlw()";
    }
}
