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
        double[] values = rule.usesLosses() ? labelledLosses(losses) : null;
        TaskGradients gradients = TaskGradients.of(losses, targets);
        double[][] gram = gradients.gram();
        if (gram.length == 0) {
            return gradients.apply(new double[0]);
        }
        return gradients.apply(values == null ? rule.weights(gram) : rule.weights(gram, values));
    }

    /** The labelled tasks' loss values on the host, in order. */
    private static double[] labelledLosses(StepLosses losses) {
        double[] all = losses.stacked().stopGradient().toType(
                ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        int[] active = losses.labelledTasks();
        double[] result = new double[active.length];
        for (int i = 0; i < active.length; i++) {
            result[i] = all[active[i]];
        }
        return result;
    }

    @Override
    public java.util.Map<String, double[]> state() {
        return rule.state();
    }

    @Override
    public java.util.Map<String, StateMerge> stateMerging() {
        return rule.stateMerging();
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
