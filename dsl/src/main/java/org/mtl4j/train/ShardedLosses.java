package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mtl4j.engine.Torch;
import org.mtl4j.weighting.StepLosses;

/**
 * The per-task losses of a batch split across devices ({@link DeviceShards}): on the first
 * device, the sum of the shards' loss vectors, each brought there as a leaf. Every backward runs
 * on the first device down to those leaves, then goes on in each shard's graph from its leaf's
 * gradient, and adds the gradients of the shard's parameter copies into the parameters' own:
 * after it the parameters hold the gradient one device would have computed on the whole batch,
 * so a strategy that reads task gradients between backward calls (PCGrad, MGDA, GradNorm, ...)
 * reads the same values.
 *
 * <p>Example: {@code ShardedLosses losses = shards.forward(batch, tasks, step);
 * losses.backward(losses.stacked().sum());}
 */
final class ShardedLosses implements StepLosses {

    /**
     * One shard of the step.
     *
     * @param device where it ran
     * @param manager the step's manager on {@code device}, owning the shard's arrays
     * @param losses its loss vector (tasks), in its graph on {@code device}
     * @param leaf the same values on the first device, a leaf of the batch's losses
     * @param copies the parameters it read
     */
    record Shard(Device device, NDManager manager, NDArray losses, NDArray leaf,
            ParameterCopies copies) {}

    private final List<String> tasks;
    private final NDArray stacked;
    private final boolean[] labelled;
    private final NDManager manager;
    private final List<Shard> shards;
    private final Runnable beforeBackward;
    private final NDList outputs;
    private final NDArray[] losses;

    ShardedLosses(List<String> tasks, NDArray stacked, boolean[] labelled, NDManager manager,
            List<Shard> shards, Runnable beforeBackward, NDList outputs) {
        this.tasks = List.copyOf(tasks);
        this.stacked = stacked;
        this.labelled = labelled.clone();
        this.manager = manager;
        this.shards = List.copyOf(shards);
        this.beforeBackward = beforeBackward;
        this.outputs = outputs;
        this.losses = new NDArray[tasks.size()];
    }

    /**
     * The heads' outputs of the whole batch on the first device, out of the graph; null when
     * the step does not collect them ({@link DeviceShards#collectOutputs}).
     */
    NDList outputs() {
        return outputs;
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
        return stacked;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void backward(NDArray objective) {
        backward(objective, false);
    }

    @Override
    public void backwardKeepingGraph(NDArray objective) {
        backward(objective, true);
    }

    /**
     * Backpropagates {@code objective} into the shards' losses, then through every shard into
     * the parameters; nothing when it is a constant (no task has a label, or {@code freeze(...)}
     * froze every part its labelled tasks reach), and nothing into a shard whose losses have no
     * gradient path (its labelled tasks reach only frozen parts).
     */
    private void backward(NDArray objective, boolean keepGraph) {
        if (labelledTasks().length == 0) {
            return;
        }
        beforeBackward.run();
        NDArray ones = manager.ones(objective.getShape(), objective.getDataType());
        if (!Torch.backwardIfDifferentiable(objective, ones, keepGraph)) {
            return;
        }
        for (Shard shard : shards) {
            NDArray gradient = Torch.gradient(shard.leaf());
            if (gradient == null) {
                continue;
            }
            gradient.attach(manager);
            NDArray onShard = DeviceCopy.of(gradient, shard.device(), shard.manager(), true);
            boolean ran = Torch.backwardIfDifferentiable(shard.losses(), onShard, keepGraph);
            Torch.zeroGradient(shard.leaf());
            if (!ran) {
                continue;
            }
            shard.copies().addGradients(manager);
        }
    }
}
