package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/** The weigher of a {@link GradientRule}: per-task gradients, the rule, the combined gradient. */
final class CombiningWeigher implements TaskWeigher {

    private final List<NDArray> shared;
    private final GradientRule rule;
    private final boolean onTrunkOutput;

    CombiningWeigher(List<Parameter> shared, GradientRule rule, boolean onTrunkOutput) {
        this.shared = shared.stream().map(Parameter::getArray).toList();
        this.rule = rule;
        this.onTrunkOutput = onTrunkOutput;
    }

    @Override
    public NDArray backward(StepLosses losses) {
        List<NDArray> targets = shared;
        if (onTrunkOutput) {
            NDArray output = losses.trunkOutput();
            if (output == null) {
                throw new IllegalStateException("A strategy .onTrunkOutput() needs the trunk's"
                        + " output, but these step losses have none. Received: trunkOutput=null."
                        + " Build the losses with TaskLosses.withTrunkOutput(...).");
            }
            targets = List.of(output);
        }
        TaskGradients gradients = TaskGradients.of(losses, targets);
        double[][] gram = gradients.gram();
        return gradients.apply(gram.length == 0 ? new double[0] : rule.weights(gram));
    }

    @Override
    public java.util.Map<String, double[]> state() {
        return rule.state();
    }

    @Override
    public void restore(java.util.Map<String, double[]> state) {
        rule.restore(state);
    }

    @Override
    public boolean usesTrunkOutput() {
        return onTrunkOutput;
    }
}
