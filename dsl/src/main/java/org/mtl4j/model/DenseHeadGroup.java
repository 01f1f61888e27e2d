package org.mtl4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The heads that are a single dense layer each, on one shared input, run as one matrix product:
 * their weights and biases are concatenated (autograd splits the gradients back to each head's
 * own parameters) and the product is split into the tasks' outputs. With many small heads this
 * replaces a linear layer, and its backward, per task by one for all; each head keeps its own
 * parameters, initialisation and optimizer state.
 *
 * <p>Example: {@code DenseHeadGroup.of(heads)} is null unless at least {@value #MINIMUM_HEADS}
 * heads are one {@code dense(n)} each.
 */
final class DenseHeadGroup {

    /**
     * Fewer heads run faster one by one: the concatenations and the split cost about as much as
     * three small products (measured with the benchmark).
     */
    static final int MINIMUM_HEADS = 4;

    private final int[] tasks;
    private final List<Parameter> weights;
    private final List<Parameter> biases;

    private DenseHeadGroup(int[] tasks, List<Parameter> weights, List<Parameter> biases) {
        this.tasks = tasks;
        this.weights = weights;
        this.biases = biases;
    }

    /** The group of the single-dense heads among {@code heads}, or null if too few. */
    static DenseHeadGroup of(List<Block> heads) {
        List<Integer> tasks = new ArrayList<>();
        List<Parameter> weights = new ArrayList<>();
        List<Parameter> biases = new ArrayList<>();
        for (int t = 0; t < heads.size(); t++) {
            Linear linear = singleLinear(heads.get(t));
            if (linear != null && linear.getParameters().contains("bias")) {
                tasks.add(t);
                weights.add(linear.getParameters().get("weight"));
                biases.add(linear.getParameters().get("bias"));
            }
        }
        return tasks.size() < MINIMUM_HEADS ? null
                : new DenseHeadGroup(tasks.stream().mapToInt(Integer::intValue).toArray(),
                        weights, biases);
    }

    private static Linear singleLinear(Block head) {
        if (head instanceof Linear linear) {
            return linear;
        }
        if (head instanceof SequentialBlock sequence && sequence.getChildren().size() == 1
                && sequence.getChildren().get(0).getValue() instanceof Linear linear) {
            return linear;
        }
        return null;
    }

    /** Computes the group's outputs from {@code input} into {@code outputs[task]}. */
    void forward(ParameterStore store, NDArray input, boolean training, NDArray[] outputs) {
        Device device = input.getDevice();
        NDList weightArrays = new NDList(tasks.length);
        NDList biasArrays = new NDList(tasks.length);
        long[] splits = new long[tasks.length - 1];
        long units = 0;
        for (int i = 0; i < tasks.length; i++) {
            NDArray weight = store.getValue(weights.get(i), device, training);
            weightArrays.add(weight);
            biasArrays.add(store.getValue(biases.get(i), device, training));
            units += weight.getShape().get(0);
            if (i < splits.length) {
                splits[i] = units;
            }
        }
        // the concatenations would belong to the parameters' manager: free them with the input
        NDArray weight = NDArrays.concat(weightArrays);
        NDArray bias = NDArrays.concat(biasArrays);
        weight.attach(input.getManager());
        bias.attach(input.getManager());
        NDArray product = Linear.linear(input, weight, bias).head();
        NDList parts = product.split(splits, product.getShape().dimension() - 1);
        for (int i = 0; i < tasks.length; i++) {
            outputs[tasks[i]] = parts.get(i);
        }
    }
}
