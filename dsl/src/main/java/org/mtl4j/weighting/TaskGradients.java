package org.mtl4j.weighting;

import org.mtl4j.engine.Torch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Each task's gradient of the shared parameters, flattened into one row per task, for strategies
 * that combine gradients (PCGrad, MGDA, CAGrad, IMTL-G, Nash-MTL).
 *
 * <p>{@link #of} runs one backward per labelled task, keeping the graph until the last. Each
 * task's head receives that task's own gradient, as in LibMTL; the shared parameters are left at
 * zero until {@link #apply} writes the combination {@code Σ_t α_t g_t} there. Tasks without
 * labels in the batch have no row and get weight 0.
 *
 * <p>Example, equal weighting done the long way:
 *
 * <pre>{@code
 * TaskGradients gradients = TaskGradients.of(losses,
 *         sharedParameters.stream().map(Parameter::getArray).toList());
 * double[][] gram = gradients.gram();            // g_i · g_j between labelled tasks
 * gradients.apply(new double[] {1, 1});          // shared gradient = g_a + g_b
 * }</pre>
 */
public final class TaskGradients {

    private final List<NDArray> arrays;
    private final int[] active;
    private final NDArray rows;
    private final NDManager manager;
    private final int taskCount;

    private TaskGradients(
            List<NDArray> arrays, int[] active, NDArray rows, NDManager manager, int taskCount) {
        this.arrays = arrays;
        this.active = active;
        this.rows = rows;
        this.manager = manager;
        this.taskCount = taskCount;
    }

    /**
     * Backpropagates every labelled task's loss on its own and keeps its shared gradient.
     *
     * @param losses the step's losses
     * @param shared the shared arrays that require a gradient: the shared parameters' arrays, or
     *     the trunk's output
     */
    public static TaskGradients of(StepLosses losses, List<NDArray> shared) {
        int[] active = losses.labelledTasks();
        NDManager manager = losses.manager();
        NDList rows = new NDList(active.length);
        for (int i = 0; i < active.length; i++) {
            NDArray loss = losses.loss(active[i]);
            if (i == active.length - 1) {
                losses.backward(loss);
            } else {
                losses.backwardKeepingGraph(loss);
            }
            rows.add(takeFlattened(shared, manager));
        }
        NDArray stacked = rows.isEmpty() ? null : NDArrays.stack(rows);
        return new TaskGradients(shared, active, stacked, manager, losses.tasks().size());
    }

    /** The labelled tasks' indexes, in order: the rows of {@link #gram()}. */
    public int[] active() {
        return active.clone();
    }

    /** The inner products {@code g_i · g_j} between the labelled tasks' gradients (one copy). */
    public double[][] gram() {
        if (rows == null) {
            return new double[0][0];
        }
        double[] flat = rows.matMul(rows.transpose()).toType(
                DataType.FLOAT64, false).toDoubleArray();
        int n = active.length;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, gram[i], 0, n);
        }
        return gram;
    }

    /**
     * Sets the shared parameters' gradient to {@code Σ α_i g_i} over the labelled tasks.
     *
     * @param alphas one weight per labelled task, in the order of {@link #active()}
     * @return the weight of every task (0 for unlabelled ones), shape (tasks), owned by the step
     */
    public NDArray apply(double[] alphas) {
        if (alphas.length != active.length) {
            throw new IllegalArgumentException("apply() needs one weight per labelled task."
                    + " Received: " + alphas.length + " weights for " + active.length
                    + " labelled tasks. Give them in the order of active().");
        }
        double[] all = new double[taskCount];
        for (int i = 0; i < active.length; i++) {
            all[active[i]] = alphas[i];
        }
        NDArray weights = manager.create(all).toType(dataType(), false);
        if (rows == null) {
            return weights;
        }
        addCombination(arrays, rows, alphas, manager);
        return weights;
    }

    /**
     * Adds {@code Σ α_i rows_i} to the arrays' gradients, the flat row cut back into their shapes
     * (the inverse of {@link #takeFlattened}).
     *
     * @param rows one flat row per weight, shape (weights, Σ sizes)
     * @param manager the step's manager, which owns what this makes
     */
    static void addCombination(
            List<NDArray> arrays, NDArray rows, double[] alphas, NDManager manager) {
        NDArray combined = manager.create(alphas).toType(rows.getDataType(), false)
                .reshape(1, alphas.length).matMul(rows).reshape(-1);
        long offset = 0;
        for (NDArray weight : arrays) {
            Shape shape = weight.getShape();
            NDArray gradient = weight.getGradient();
            gradient.attach(manager);
            gradient.addi(combined.get(new NDIndex("{}:{}", offset, offset + shape.size()))
                    .reshape(shape));
            offset += shape.size();
        }
    }

    private DataType dataType() {
        return rows == null ? DataType.FLOAT32 : rows.getDataType();
    }

    /**
     * Copies the arrays' gradients into one flat row (owned by {@code manager}), then zeroes them.
     */
    static NDArray takeFlattened(List<NDArray> arrays, NDManager manager) {
        NDList parts = new NDList(arrays.size());
        for (NDArray array : arrays) {
            NDArray gradient = array.getGradient();
            gradient.attach(manager);
            parts.add(gradient.flatten());
        }
        NDArray row = NDArrays.concat(parts);
        for (NDArray array : arrays) {
            Torch.zeroGradient(array);
        }
        return row;
    }
}
