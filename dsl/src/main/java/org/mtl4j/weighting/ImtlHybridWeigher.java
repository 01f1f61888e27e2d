package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * The weigher of IMTL (IMTL-G + IMTL-L): the tasks' losses scaled by learned {@code e^{s_t}}, the
 * shared parameters combined by IMTL-G from the scaled losses' gradients, each head on its own
 * scaled loss, and s_t updated with the gradient of {@code e^{s_t} L_t − s_t}.
 */
final class ImtlHybridWeigher implements TaskWeigher {

    private static final String PARAMETER = "imtl.logScale";

    private final List<NDArray> shared;
    private final NDArray logScales;
    private final Optimizer optimizer;
    private final WeightingContext context;

    ImtlHybridWeigher(List<Parameter> shared, WeightingContext context) {
        this.shared = shared.stream().map(Parameter::getArray).toList();
        this.context = context;
        this.logScales = context.scalars().vector(new double[context.tasks().size()]);
        this.logScales.setRequiresGradient(true);
        this.optimizer = context.optimizer().get();
    }

    @Override
    public NDArray backward(StepLosses losses) {
        NDManager step = losses.manager();
        NDArray negated = logScales.neg();
        negated.attach(step);
        NDArray scales = negated.neg().exp();
        TaskGradients gradients = TaskGradients.of(new ScaledLosses(losses, scales), shared);
        double[][] gram = gradients.gram();
        NDArray alphas = gradients.apply(
                gram.length == 0 ? new double[0] : ImtlWeighting.weights(gram));
        double[] mask = new double[losses.tasks().size()];
        for (int t = 0; t < mask.length; t++) {
            mask[t] = losses.hasLabels(t) ? 1 : 0;
        }
        NDArray labelled = context.scalars().vector(mask);
        labelled.attach(step);
        NDArray gradient = logScales.getGradient();
        gradient.attach(step);
        // the gradients of the scaled losses gave e^{s_t} L_t; the −s_t term adds −1
        optimizer.update(PARAMETER, logScales, gradient.sub(labelled));
        return alphas.mul(scales.stopGradient().toType(alphas.getDataType(), false));
    }

    @Override
    public java.util.Map<String, double[]> state() {
        return LearnedVector.state("logScales", logScales, optimizer, PARAMETER);
    }

    @Override
    public void restore(java.util.Map<String, double[]> state) {
        LearnedVector.restore(state, "logScales", logScales, optimizer, PARAMETER);
    }
}
