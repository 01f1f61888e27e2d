package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.losses.Loss;

/**
 * One training batch split across several devices ({@code devices(...)}): the forward of every
 * shard on its device, and the batch's per-task losses on the first device, where the weighting
 * strategy takes them as it takes one device's.
 *
 * <p>The batch's rows are cut into contiguous shards, one per device ({@link #bounds}: sizes
 * differ by at most one row; a batch of fewer rows than devices uses one device per row). Shard
 * {@code d} runs on device {@code d} with a copy of the parameters made for the step (shard 0
 * reads the parameters themselves, on the first device) and computes, per task, the sum of its
 * labelled rows' losses, each row weighted by 1 / (the task's labelled rows in the whole batch):
 * its share of the batch's mean loss. DJL copies arrays between devices outside the autograd
 * graph, so the shards' loss vectors come to the first device as leaves, and their sum is the
 * batch's per-task mean losses there; {@link ShardedLosses} carries every backward the
 * weighting runs on those losses on into each shard's graph (the chain rule by hand: the leaf's
 * gradient, copied to the shard's device, is the shard's loss vector's gradient) and adds the
 * copies' parameter gradients into the parameters' own. The weighting, the divergence check,
 * clipping and the optimizer then run unchanged on the first device. A weighting on the trunk's
 * output cuts the step there instead ({@link #cut}): the trunk runs shard by shard, the heads on
 * the whole batch on the first device.
 *
 * <p>What runs in parallel: every shard's forward and backward is issued from the training
 * thread, one shard after the other; on GPUs libtorch launches the kernels without waiting for
 * them, so devices compute while the next shard's work is being issued, but each backward call
 * waits for its own graph, and the copies between devices (the parameters out, the loss
 * vectors and gradients back) are on the step's path. On the CPU (several {@code Device.cpu()})
 * the shards run one after the other: useful only to test the combining.
 *
 * <p>Example: {@code model.fit(table, devices(Device.cpu(), Device.cpu()))} uses it with two
 * shards on the CPU.
 */
final class DeviceShards {

    private final List<Device> devices;
    private final MultiTaskBlock block;
    private final List<Parameter> parameters;
    private final List<Parameter> outsideHeads;
    private final List<Loss> losses;
    private final ParameterStore master;
    private final Scalars[] scalars;
    private final Runnable beforeBackward;
    private List<LossGroup> groups;
    private boolean collectOutputs = true;

    /**
     * @param devices the fit's devices, the first holding the parameters
     * @param master the parameters' own store (shard 0 reads it)
     * @param fit the fit's manager: each device's scalars live in a sub-manager of it
     */
    DeviceShards(List<Device> devices, MultiTaskBlock block, List<Loss> losses,
            ParameterStore master, NDManager fit, DataType dataType, Runnable beforeBackward) {
        this.devices = List.copyOf(devices);
        this.block = block;
        this.parameters = new ArrayList<>(block.getParameters().values());
        Set<Parameter> inHeads = new HashSet<>();
        for (Block head : block.heads()) {
            inHeads.addAll(head.getParameters().values());
        }
        // what the trunk's forward reads (embeddings and trunk, running statistics included)
        this.outsideHeads = parameters.stream().filter(p -> !inHeads.contains(p)).toList();
        this.losses = losses;
        this.master = master;
        this.beforeBackward = beforeBackward;
        this.scalars = new Scalars[devices.size()];
        Map<Device, Scalars> byDevice = new HashMap<>();
        for (int d = 0; d < scalars.length; d++) {
            scalars[d] = byDevice.computeIfAbsent(devices.get(d),
                    device -> new Scalars(fit.newSubManager(device), dataType));
        }
    }

    /**
     * Whether {@link #forward} brings the heads' outputs of every shard to the first device
     * (for running training metrics; by default it does): without, {@link
     * ShardedLosses#outputs()} is null and the step copies nothing but the losses back.
     */
    void collectOutputs(boolean collect) {
        this.collectOutputs = collect;
    }

    /**
     * Where the shards of {@code rows} rows over {@code devices} devices start, then the end:
     * {@code min(rows, devices)} contiguous shards, the first {@code rows % shards} one row
     * longer than the rest.
     */
    static int[] bounds(int rows, int devices) {
        int shards = Math.max(1, Math.min(rows, devices));
        int[] bounds = new int[shards + 1];
        int base = rows / shards;
        int longer = rows % shards;
        for (int s = 0; s < shards; s++) {
            bounds[s + 1] = bounds[s] + base + (s < longer ? 1 : 0);
        }
        return bounds;
    }

    /**
     * The batch's forward, shard by shard, in the step's gradient collector.
     *
     * @param manager the step's manager (on the first device)
     */
    ShardedLosses forward(Batch batch, List<String> tasks, NDManager manager) {
        int rows = (int) batch.features().getShape().get(0);
        int[] bounds = bounds(rows, devices.size());
        Device main = devices.get(0);
        List<ShardedLosses.Shard> shards = new ArrayList<>();
        NDList[] outputs = new NDList[tasks.size()];
        for (int t = 0; t < outputs.length; t++) {
            outputs[t] = new NDList();
        }
        NDArray total = null;
        for (int s = 0; s + 1 < bounds.length; s++) {
            Device device = devices.get(s);
            NDManager shardManager = manager.newSubManager(device);
            ParameterCopies copies = s == 0 ? ParameterCopies.none(master)
                    : ParameterCopies.on(parameters, device, shardManager);
            ParameterStore store = copies.store();
            Batch shard = shard(batch, bounds[s], bounds[s + 1], device, shardManager);
            NDList shardOutputs = block.forward(store, new NDList(shard.features()), true);
            NDArray shardLosses = shardLosses(shardOutputs, shard, scalars[s], shardManager);
            NDArray leaf = DeviceCopy.of(shardLosses, main, manager, false);
            leaf.setRequiresGradient(true);
            total = total == null ? leaf : total.add(leaf);
            for (int t = 0; collectOutputs && t < outputs.length; t++) {
                outputs[t].add(DeviceCopy.of(shardOutputs.get(t), main, manager, false));
            }
            shards.add(new ShardedLosses.Shard(device, shardManager, shardLosses, leaf, copies));
        }
        NDList joined = collectOutputs ? new NDList(outputs.length) : null;
        for (int t = 0; collectOutputs && t < outputs.length; t++) {
            NDList taskOutputs = outputs[t];
            joined.add(taskOutputs.size() == 1 ? taskOutputs.head()
                    : NDArrays.concat(taskOutputs, 0));
        }
        boolean[] labelled = new boolean[tasks.size()];
        for (int t = 0; t < labelled.length; t++) {
            labelled[t] = batch.hasLabels(t);
        }
        return new ShardedLosses(tasks, total, labelled, manager, shards, beforeBackward,
                joined);
    }

    /**
     * The batch's trunk, shard by shard, cut at its output for a weighting on the trunk's output:
     * the leaf is the shards' outputs side by side on the first device, where the heads then run
     * on the whole batch; the trunk's backward goes from the leaf's gradient into every shard.
     */
    TrunkCut cut(Batch batch, NDManager manager, Runnable beforeBackward) {
        int rows = (int) batch.features().getShape().get(0);
        int[] bounds = bounds(rows, devices.size());
        Device main = devices.get(0);
        List<ShardedTrunk.Shard> shards = new ArrayList<>();
        NDList parts = new NDList();
        for (int s = 0; s + 1 < bounds.length; s++) {
            Device device = devices.get(s);
            NDManager shardManager = manager.newSubManager(device);
            ParameterCopies copies = s == 0 ? ParameterCopies.none(master)
                    : ParameterCopies.on(outsideHeads, device, shardManager);
            ParameterStore store = copies.store();
            NDList features = new NDList(onDevice(
                    batch.features().get(new NDIndex(bounds[s] + ":" + bounds[s + 1])), device,
                    shardManager));
            NDArray output = block.trunk()
                    .forward(store, block.embedInputs(store, features, true), true).head();
            parts.add(DeviceCopy.of(output, main, manager, false));
            shards.add(new ShardedTrunk.Shard(device, shardManager, output, bounds[s],
                    bounds[s + 1], copies));
        }
        NDArray leaf = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
        leaf.attach(manager);
        leaf.setRequiresGradient(true);
        return new TrunkCut(null, leaf, beforeBackward, new ShardedTrunk(shards));
    }

    /**
     * Rows {@code [from, to)} of the batch on {@code device}: features, labels and the batch's
     * row weights (1 / the whole batch's labelled rows), with the whole batch's counts.
     */
    private static Batch shard(Batch batch, int from, int to, Device device,
            NDManager shardManager) {
        NDIndex rows = new NDIndex(from + ":" + to);
        NDArray features = onDevice(batch.features().get(rows), device, shardManager);
        List<NDArray> labels = new ArrayList<>(batch.labels().size());
        List<NDArray> weights = new ArrayList<>(batch.labels().size());
        for (int t = 0; t < batch.labels().size(); t++) {
            labels.add(onDevice(batch.labels().get(t).get(rows), device, shardManager));
            NDArray taskWeights = batch.rowWeights().get(t);
            weights.add(taskWeights == null ? null
                    : onDevice(taskWeights.get(rows), device, shardManager));
        }
        return new Batch(features, labels, weights, batch.counts());
    }

    private static NDArray onDevice(NDArray view, Device device, NDManager shardManager) {
        view.attach(shardManager);
        return DeviceCopy.of(view, device, shardManager, false);
    }

    /**
     * The shard's part of the batch's per-task mean losses, a vector (tasks) in the shard's
     * graph: per task the sum of the shard's per-row losses times the batch's row weights (zero,
     * moving nothing, for a task without labels in the batch).
     */
    private NDArray shardLosses(NDList outputs, Batch shard, Scalars shardScalars,
            NDManager shardManager) {
        if (groups == null) {
            groups = LossGroup.plan(losses, outputs);
        }
        NDArray[] taskLosses = new NDArray[losses.size()];
        for (LossGroup group : groups) {
            NDArray vector = group.losses(outputs, shard, shardScalars, shardManager);
            for (int i = 0; i < group.tasks().length; i++) {
                taskLosses[group.tasks()[i]] = vector.get(i);
            }
        }
        for (int t = 0; t < taskLosses.length; t++) {
            if (taskLosses[t] != null) {
                continue;
            }
            if (!shard.hasLabels(t)) {
                taskLosses[t] = shardManager.zeros(new Shape(), shardScalars.dataType());
                continue;
            }
            taskLosses[t] = FusedLoss.perExample(losses.get(t), outputs.get(t),
                    shard.labels().get(t), shardScalars).mul(shard.rowWeights().get(t)).sum();
        }
        return NDArrays.stack(new NDList(taskLosses));
    }
}
