package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.Scalars;

/**
 * A strategy's few task weights, kept on the host as doubles, updated by mtl4j's Adam ({@link
 * FusedAdam}) in PyTorch's form ({@code torch.optim.Adam}: ε after the bias correction, each
 * weight corrected by its own step count, β₁ = 0.9, β₂ = 0.999, ε = 1e-8) in float64, so that
 * GradNorm's weights and FAMO's logits follow their PyTorch references. Each weight is a parameter of its own (a view of one
 * float64 vector), so a task without labels in a step keeps its moments and count.
 *
 * <p>Example: {@code double[] moved = adam.step(weights, active, gradient)}
 */
final class TaskWeightAdam {

    private final NDManager manager;
    private final NDArray values;
    private final FusedAdam adam;
    private static final NDIndex ALL = new NDIndex(":");

    private final int size;
    private final FusedAdam.Fit fit;
    private final double rateCorrection;

    /**
     * @param size the number of weights
     * @param learningRate Adam's learning rate
     * @param manager lives as long as the weights (holds the moments)
     */
    TaskWeightAdam(int size, double learningRate, NDManager manager) {
        this.manager = manager;
        this.size = size;
        this.values = manager.create(new double[size]);
        List<Parameter> parameters = new ArrayList<>();
        for (int t = 0; t < size; t++) {
            parameters.add(Parameter.builder().setName("taskWeight" + t)
                    .setType(Parameter.Type.OTHER).optArray(view(values, t)).build());
        }
        float rate = (float) learningRate;
        this.adam = FusedAdam.over(parameters,
                new FusedAdam.Settings(rate, 0f, false, FusedAdam.Form.PYTORCH), manager,
                DataType.FLOAT64);
        // the settings keep the rate in float; the step applies the double one exactly
        this.rateCorrection = learningRate / rate;
        this.fit = adam.start(manager, new Scalars(manager, DataType.FLOAT64));
    }

    private static NDArray view(NDArray vector, int t) {
        return vector.get(new NDIndex().addSliceDim(t, t + 1));
    }

    /**
     * One Adam step of the weights of {@code active} tasks.
     *
     * @param weights every task's weight now
     * @param active the tasks that step
     * @param gradient per active task, the gradient of its weight
     * @return every task's weight after the step (the others unchanged)
     */
    double[] step(double[] weights, int[] active, double[] gradient) {
        double[] full = new double[size];
        boolean[] skipped = new boolean[size];
        Arrays.fill(skipped, true);
        for (int i = 0; i < active.length; i++) {
            full[active[i]] = gradient[i];
            skipped[active[i]] = false;
        }
        try (NDManager step = manager.newSubManager()) {
            // copied in place: set(buffer) would give the vector new storage, away from its views
            values.set(ALL, step.create(weights));
            NDArray flat = step.create(full);
            NDArray[] each = new NDArray[size];
            for (int t = 0; t < size; t++) {
                each[t] = view(flat, t);
                each[t].attach(step);
            }
            fit.update(each, flat, skipped, step,
                    rateCorrection == 1.0 ? null : step.create(rateCorrection));
            return values.toDoubleArray();
        }
    }

    /** The moments and step counts, prefixed by {@code prefix}. */
    void saveTo(Map<String, double[]> state, String prefix) {
        state.put(prefix + "mean", adam.mean().toDoubleArray());
        state.put(prefix + "variance", adam.variance().toDoubleArray());
        state.put(prefix + "steps", Arrays.stream(adam.counts()).asDoubleStream().toArray());
    }

    /**
     * How replicas combine what {@link #saveTo} wrote: a task's moments averaged over the
     * replicas that stepped its weight (a replica that never saw the task's labels holds zeros),
     * the step counts the largest.
     */
    static Map<String, StateMerge> stateMerging(String prefix) {
        StateMerge stepped = StateMerge.meanWhere(prefix + "steps");
        return Map.of(prefix + "mean", stepped, prefix + "variance", stepped,
                prefix + "steps", StateMerge.largest());
    }

    /** Reads what {@link #saveTo} wrote (the same keys as earlier versions wrote). */
    void restoreFrom(Map<String, double[]> state, String prefix) {
        double[] mean = Weighers.vector(state, prefix + "mean", size);
        double[] variance = Weighers.vector(state, prefix + "variance", size);
        double[] counts = Weighers.vector(state, prefix + "steps", size);
        int[] steps = new int[size];
        int largest = 0;
        for (int t = 0; t < size; t++) {
            steps[t] = (int) counts[t];
            largest = Math.max(largest, steps[t]);
        }
        adam.restore(mean, variance, steps, largest);
    }
}
