package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.weighting.TaskLosses;

/**
 * The step losses a weighting sees on a replica of exact synchronous training, built from the
 * global batch's per-task mean losses {@code L_t} and gradients {@code G_t} (constants, summed
 * over the replicas, see {@link TaskShares}): task t's loss is
 *
 * <pre>{@code S_t = L_t + (d_t − stopGradient(d_t)),   d_t = Σ_i ⟨G_t,i, θ_i⟩}</pre>
 *
 * (θ_i the model's parameters). Its value is exactly {@code L_t} ({@code d_t − d_t} is 0 in
 * floating point) and its gradient with respect to θ is exactly {@code G_t}, so any weighting
 * (on the losses, learned weights, one backward per task for the gradients of the shared
 * parameters) computes what it would on the whole batch in one process. A task without a label
 * in the global batch gets a zero constant, as {@code fit()} gives it.
 *
 * <p>Example: {@code weigher.backward(SurrogateLosses.of(tasks, parameters, global, FLOAT32,
 * step, collector));}
 */
final class SurrogateLosses {

    private SurrogateLosses() {}

    /**
     * The surrogate losses of {@code global} over {@code parameters} (in the order of the flat
     * gradients), in the step's manager and the fit's data type.
     */
    static TaskLosses of(List<String> tasks, List<Parameter> parameters, TaskShares global,
            DataType dataType, NDManager step, GradientCollector collector) {
        int count = tasks.size();
        NDArray[] losses = new NDArray[count];
        boolean[] labelled = new boolean[count];
        for (int t = 0; t < count; t++) {
            labelled[t] = global.counts()[t] > 0;
            if (!labelled[t]) {
                losses[t] = step.zeros(new Shape(), dataType);
                continue;
            }
            float[] gradient = global.gradient(t);
            NDArray dot = null;
            int offset = 0;
            for (Parameter parameter : parameters) {
                NDArray theta = parameter.getArray();
                int size = (int) theta.size();
                float[] part = Arrays.copyOfRange(gradient, offset, offset + size);
                offset += size;
                NDArray constant = Tensors.floats(step, part, theta.getShape(), dataType);
                NDArray term = constant.mul(theta).sum();
                dot = dot == null ? term : dot.add(term);
            }
            NDArray value = Tensors.floats(step, new float[] {global.loss(t)}, new Shape(),
                    dataType);
            losses[t] = value.add(dot.sub(dot.stopGradient()));
        }
        return new TaskLosses(tasks, losses, labelled, step, collector, () -> {});
    }
}
