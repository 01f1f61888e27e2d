package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

/**
 * IMTL-L, the loss-scale half of impartial multi-task learning (Liu et al. 2021, "Towards
 * Impartial Multi-task Learning", ICLR): each task learns a log-scale {@code s_t} and the model
 * minimises {@code Σ_t e^{s_t} L_t − s_t}. The gradient in s_t, {@code e^{s_t} L_t − 1}, is zero
 * when the scaled loss {@code e^{s_t} L_t} is 1, so every task's scaled loss is driven to the
 * same value and its weight {@code e^{s_t}} settles at {@code 1/L_t}. As in the paper, s_t starts
 * at 0 (weight 1) and is trained by an optimizer like the model's (same kind and learning rate);
 * the weight chart shows {@code e^{s_t}}. A task without labels in a batch leaves its s_t alone.
 * The gradient half is {@link ImtlWeighting} ({@code imtl()}); both together, the paper's full
 * IMTL, are {@code imtl().withLossScales()}.
 *
 * <p>Example: {@code .weighting(imtlL())}
 */
public record ImtlLossWeighting() implements Weighting {

    private static final String PARAMETER = "imtlL.logScale";

    @Override
    public TaskWeigher start(WeightingContext context) {
        NDArray logScales = context.scalars().vector(new double[context.tasks().size()]);
        logScales.setRequiresGradient(true);
        return new Weigher(logScales, context.optimizer().get(), context);
    }

    private static final class Weigher implements TaskWeigher {

        private final NDArray logScales;
        private final Optimizer optimizer;
        private final WeightingContext context;

        Weigher(NDArray logScales, Optimizer optimizer, WeightingContext context) {
            this.logScales = logScales;
            this.optimizer = optimizer;
            this.context = context;
        }

        @Override
        public NDArray backward(StepLosses losses) {
            NDManager step = losses.manager();
            // -s made in the step's manager, so that every array derived from it is freed there
            NDArray negated = logScales.neg();
            negated.attach(step);
            NDArray weights = negated.neg().exp();
            NDArray terms = losses.stacked().mul(weights).add(negated);
            double[] mask = new double[losses.tasks().size()];
            for (int t = 0; t < mask.length; t++) {
                mask[t] = losses.hasLabels(t) ? 1 : 0;
            }
            NDArray labelled = context.scalars().vector(mask);
            labelled.attach(step);
            losses.backward(terms.mul(labelled).sum());
            NDArray gradient = logScales.getGradient();
            gradient.attach(step);
            optimizer.update(PARAMETER, logScales, gradient);
            return weights.stopGradient();
        }

        /** The log-scales and their optimizer's moments (see {@link LearnedVector}). */
        @Override
        public java.util.Map<String, double[]> state() {
            return LearnedVector.state("logScales", logScales, optimizer, PARAMETER);
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            LearnedVector.restore(state, "logScales", logScales, optimizer, PARAMETER);
        }
    }

    @Override
    public String toString() {
        return "imtlL()";
    }
}
