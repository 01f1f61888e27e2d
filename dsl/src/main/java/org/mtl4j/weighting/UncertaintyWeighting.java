package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.Arrays;

/**
 * Uncertainty weighting (Kendall, Gal and Cipolla 2018, "Multi-Task Learning Using Uncertainty to
 * Weigh Losses for Scene Geometry and Semantics", CVPR): each task learns a log-variance
 * {@code s_t} and the model minimises {@code Σ_t L_t / (2 e^{s_t}) + s_t / 2}. At the optimum
 * {@code e^{s_t} = L_t}, so a task's weight {@code 1 / (2 e^{s_t})} settles at {@code 1 / (2 L_t)}:
 * noisy or large-scale tasks count less. The s_t are trained with an optimizer like the model's
 * (same kind and learning rate); the weight chart shows {@code 1 / (2 e^{s_t})}. A task without
 * labels in a batch leaves its s_t alone.
 *
 * <p>Example: {@code .weighting(uncertainty())} (s_t starts at −0.5, weight ≈ 0.82, as in
 * LibMTL), {@code .weighting(uncertainty(0))}
 *
 * @param initialLogVariance the starting s_t of every task
 */
public record UncertaintyWeighting(double initialLogVariance) implements Weighting {

    /** LibMTL's starting log-variance. */
    public static final double DEFAULT_INITIAL_LOG_VARIANCE = -0.5;

    /** Checks the start value. */
    public UncertaintyWeighting {
        if (!Double.isFinite(initialLogVariance)) {
            throw new IllegalArgumentException("uncertainty(s0) needs a finite starting"
                    + " log-variance. Received: " + initialLogVariance + ". Use e.g."
                    + " uncertainty(-0.5).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        int tasks = context.tasks().size();
        double[] start = new double[tasks];
        Arrays.fill(start, initialLogVariance);
        NDArray logVariances = context.scalars().vector(start);
        logVariances.setRequiresGradient(true);
        return new Weigher(logVariances, context.optimizer().get(), context);
    }

    private static final String PARAMETER = "uncertainty.logVariance";

    private static final class Weigher implements TaskWeigher {

        private final NDArray logVariances;
        private final Optimizer optimizer;
        private final WeightingContext context;

        Weigher(NDArray logVariances, Optimizer optimizer, WeightingContext context) {
            this.logVariances = logVariances;
            this.optimizer = optimizer;
            this.context = context;
        }

        @Override
        public NDArray backward(StepLosses losses) {
            NDManager step = losses.manager();
            NDArray half = context.scalars().of(0.5);
            // -s made in the step's manager, so that every array derived from it is freed there
            NDArray negated = logVariances.neg();
            negated.attach(step);
            NDArray weights = negated.exp().mul(half);
            NDArray terms = losses.stacked().mul(weights).sub(negated.mul(half));
            losses.backward(terms.mul(labelledMask(losses)).sum());
            NDArray gradient = logVariances.getGradient();
            gradient.attach(step);
            optimizer.update(PARAMETER, logVariances, gradient);
            return weights.stopGradient();
        }

        /**
         * The log-variances, and the moments of their optimizer when it is Adam (mtl4j's) or SGD
         * with momentum (see {@link LearnedVector}).
         */
        @Override
        public java.util.Map<String, double[]> state() {
            return LearnedVector.state("logVariances", logVariances, optimizer, PARAMETER);
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            LearnedVector.restore(state, "logVariances", logVariances, optimizer, PARAMETER);
        }

        private NDArray labelledMask(StepLosses losses) {
            double[] mask = new double[losses.tasks().size()];
            for (int t = 0; t < mask.length; t++) {
                mask[t] = losses.hasLabels(t) ? 1 : 0;
            }
            NDArray array = context.scalars().vector(mask);
            array.attach(losses.manager());
            return array;
        }
    }

    @Override
    public String toString() {
        return "uncertainty(" + initialLogVariance + ")";
    }
}
