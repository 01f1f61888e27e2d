package org.mtl4j.weighting;

import org.mtl4j.engine.Torch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link StepLosses} of one step, backpropagating through a {@link GradientCollector}: what
 * the training loop hands its weighting strategy, and what a hand-written DJL loop builds to use a
 * strategy outside the DSL.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (NDManager step = fit.newSubManager();
 *         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
 *     NDList outputs = block.forward(store, new NDList(x), true);
 *     NDArray lossA = outputs.get(0).sub(yA).square().mean();
 *     NDArray lossB = outputs.get(1).sub(yB).square().mean();
 *     NDArray weights = weigher.backward(
 *             TaskLosses.of(List.of("a", "b"), step, collector, lossA, lossB));
 *     // then the optimizer's update on every parameter
 * }
 * }</pre>
 */
public final class TaskLosses implements StepLosses {

    private final List<String> tasks;
    private final NDArray[] losses;
    private final boolean[] labelled;
    private final NDManager manager;
    private final GradientCollector collector;
    private final Runnable beforeBackward;
    private NDArray stacked;
    private NDArray trunkOutput;
    /** The kept scalar 1 a backward of a scalar objective starts from; null: made each time. */
    private NDArray one;

    /**
     * @param tasks the task names
     * @param losses a scalar loss per task, in the graph where {@code labelled}
     * @param labelled whether each task had labelled rows in the batch
     * @param manager the step's manager
     * @param collector the step's gradient collector
     * @param beforeBackward runs before every backward (tests use it to force a GC)
     */
    public TaskLosses(
            List<String> tasks,
            NDArray[] losses,
            boolean[] labelled,
            NDManager manager,
            GradientCollector collector,
            Runnable beforeBackward) {
        if (losses.length != tasks.size() || labelled.length != tasks.size()) {
            throw new IllegalArgumentException("TaskLosses needs one loss and one labelled flag per"
                    + " task. Received: tasks=" + tasks + ", " + losses.length + " losses, "
                    + labelled.length + " flags. Give them in task order.");
        }
        this.tasks = List.copyOf(tasks);
        this.losses = losses.clone();
        this.labelled = labelled.clone();
        this.manager = manager;
        this.collector = collector;
        this.beforeBackward = beforeBackward;
    }

    /**
     * Losses computed together as one vector (shape (tasks)); each task's loss is a view of it,
     * made when asked for.
     *
     * @param stacked the task losses, in the graph
     */
    public TaskLosses(
            List<String> tasks,
            NDArray stacked,
            boolean[] labelled,
            NDManager manager,
            GradientCollector collector,
            Runnable beforeBackward) {
        this(tasks, new NDArray[tasks.size()], labelled, manager, collector, beforeBackward);
        this.stacked = stacked;
    }

    /** Losses of a step where every task had labels. */
    public static TaskLosses of(
            List<String> tasks, NDManager manager, GradientCollector collector, NDArray... losses) {
        boolean[] labelled = new boolean[losses.length];
        Arrays.fill(labelled, true);
        return new TaskLosses(tasks, losses, labelled, manager, collector, () -> {});
    }

    /**
     * The same losses, cut at the trunk's output: {@code output} is a leaf that requires a
     * gradient and feeds every head (see {@link StepLosses#trunkOutput()}).
     */
    public TaskLosses withTrunkOutput(NDArray output) {
        TaskLosses cut = new TaskLosses(tasks, losses, labelled, manager, collector, beforeBackward);
        cut.stacked = stacked;
        cut.trunkOutput = output;
        cut.one = one;
        return cut;
    }

    /**
     * Lets every backward of a 0-dimensional objective start from {@code one}, a kept scalar 1
     * of the losses' data type (a fit's constant), instead of making its own each time (two
     * native calls a backward); other objectives still get ones of their own shape.
     *
     * @return this
     */
    public TaskLosses startingFrom(NDArray scalarOne) {
        this.one = scalarOne;
        return this;
    }

    @Override
    public NDArray trunkOutput() {
        return trunkOutput;
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public NDArray loss(int task) {
        if (losses[task] == null) {
            losses[task] = stacked.get(task);
        }
        return losses[task];
    }

    @Override
    public boolean hasLabels(int task) {
        return labelled[task];
    }

    @Override
    public NDArray stacked() {
        if (stacked == null) {
            stacked = Torch.stack(new NDList(losses), 0);
        }
        return stacked;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /**
     * Backpropagates {@code objective}; when it is a constant (no task has a label in the batch,
     * or {@code freeze(...)} froze every part its labelled tasks reach) nothing is backpropagated
     * and the gradients stay zero: the step goes on (and counts) as one on a batch without labels.
     */
    @Override
    public void backward(NDArray objective) {
        if (labelledTasks().length == 0) {
            return;
        }
        beforeBackward.run();
        Torch.backwardIfDifferentiable(objective, ones(objective), false);
    }

    @Override
    public void backwardKeepingGraph(NDArray objective) {
        if (labelledTasks().length == 0) {
            return;
        }
        beforeBackward.run();
        Torch.backwardIfDifferentiable(objective, ones(objective), true);
    }

    private NDArray ones(NDArray objective) {
        Shape shape = objective.getShape();
        return one != null && shape.isScalar() ? one
                : manager.ones(shape, objective.getDataType());
    }
}
