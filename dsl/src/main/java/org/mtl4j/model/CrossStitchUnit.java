package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A cross-stitch unit (Misra et al. 2016): a learnable T×T matrix α that mixes T columns of the
 * same width, column i becoming Σ_j α_ij·x_j. α starts at {@code selfWeight} on the diagonal and
 * (1 − selfWeight)/(T − 1) elsewhere.
 *
 * <p>Example: {@code new CrossStitchUnit(2, 0.9)} starts at [[0.9, 0.1], [0.1, 0.9]].
 */
public final class CrossStitchUnit extends AbstractBlock {

    private final int tasks;
    private final Parameter alpha;

    /**
     * @param tasks number of columns
     * @param selfWeight the initial diagonal, in [0, 1] (default 0.9)
     */
    public CrossStitchUnit(int tasks, double selfWeight) {
        this.tasks = tasks;
        double other = tasks == 1 ? 0 : (1 - selfWeight) / (tasks - 1);
        this.alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(tasks, tasks))
                .optInitializer((manager, shape, dataType) ->
                        initial(manager, tasks, selfWeight, other, dataType))
                .build());
    }

    private static NDArray initial(NDManager manager, int tasks, double self, double other,
            DataType dataType) {
        double[] values = new double[tasks * tasks];
        for (int i = 0; i < tasks; i++) {
            for (int j = 0; j < tasks; j++) {
                values[i * tasks + j] = i == j ? self : other;
            }
        }
        NDArray doubles = manager.create(values, new Shape(tasks, tasks));
        NDArray typed = doubles.toType(dataType, false);
        if (typed != doubles) {
            doubles.close();
        }
        return typed;
    }

    /** The mixing matrix α (tasks × tasks). */
    public Parameter alpha() {
        return alpha;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray weights = store.getValue(alpha, inputs.head().getDevice(), training);
        NDArray stacked = NDArrays.stack(inputs, 1);           // (batch, T, width)
        NDArray mixed = weights.matMul(stacked);               // α broadcast over the batch
        NDList columns = new NDList(tasks);
        for (NDArray column : mixed.split(tasks, 1)) {
            columns.add(column.squeeze(1));
        }
        return columns;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {}
}
