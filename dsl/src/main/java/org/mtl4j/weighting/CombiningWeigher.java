package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/** The weigher of a {@link GradientRule}: per-task gradients, the rule, the combined gradient. */
final class CombiningWeigher implements TaskWeigher {

    private final List<Parameter> shared;
    private final GradientRule rule;

    CombiningWeigher(List<Parameter> shared, GradientRule rule) {
        this.shared = shared;
        this.rule = rule;
    }

    @Override
    public NDArray backward(StepLosses losses) {
        TaskGradients gradients = TaskGradients.of(losses, shared);
        double[][] gram = gradients.gram();
        return gradients.apply(gram.length == 0 ? new double[0] : rule.weights(gram));
    }
}
