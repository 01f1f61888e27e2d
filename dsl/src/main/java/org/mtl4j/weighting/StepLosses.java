package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The per-task losses of one training step, handed to a {@link TaskWeigher}.
 *
 * <p>Each loss is the mean over the batch rows that have a label for the task. A task without any
 * labelled row in the batch has a zero loss that moves no parameter (a constant, or a term with
 * zero weight when tasks' losses are computed together) and {@link #hasLabels} false.
 *
 * <p>Example: {@code losses.backward(losses.stacked().mul(weights).sum())}
 */
public interface StepLosses {

    /** The task names, in order. */
    List<String> tasks();

    /** The loss of a task: a scalar in the autograd graph (zero when the task has no labels). */
    NDArray loss(int task);

    /** Whether the batch had at least one labelled row for the task. */
    boolean hasLabels(int task);

    /** The indexes of the tasks with labels in the batch, in order. */
    default int[] labelledTasks() {
        // a loop, not a stream: this runs several times a step, and a stream pipeline makes the
        // JIT's compilation of every step method that inlines it several times larger
        int tasks = tasks().size();
        int count = 0;
        for (int t = 0; t < tasks; t++) {
            if (hasLabels(t)) {
                count++;
            }
        }
        int[] labelled = new int[count];
        for (int t = 0, i = 0; t < tasks; t++) {
            if (hasLabels(t)) {
                labelled[i++] = t;
            }
        }
        return labelled;
    }

    /** All task losses as one vector, shape (tasks). */
    NDArray stacked();

    /** The step's manager: arrays made here are freed when the step ends. */
    NDManager manager();

    /**
     * Backpropagates {@code objective} into the gradients of the model's parameters (which the
     * optimizer then applies) and frees the graph.
     *
     * @param objective a scalar computed from the losses
     */
    void backward(NDArray objective);

    /**
     * Backpropagates {@code objective}, keeping the graph so that another backward can follow:
     * the way a gradient-based strategy takes one task's gradients of the shared parameters,
     * reads them ({@code parameter.getArray().getGradient()}), zeroes them and goes on with the
     * next task. Gradients add up across backward calls until zeroed. The last backward of a step
     * should be {@link #backward(NDArray)}.
     *
     * @param objective a scalar computed from the losses
     */
    void backwardKeepingGraph(NDArray objective);

    /**
     * The trunk's output as a leaf of the heads' graph, when the step was cut there for a weigher
     * that {@link TaskWeigher#usesTrunkOutput() uses it}; otherwise null. Backward calls then
     * stop at this array: its gradient is what the trunk receives.
     */
    default NDArray trunkOutput() {
        return null;
    }
}
