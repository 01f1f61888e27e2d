package org.mtl4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Predicate;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.StepLosses;
import org.mtl4j.weighting.TaskLosses;
import org.mtl4j.weighting.TaskWeigher;

/**
 * Forward and backward of one batch: the trunk once, every head, the masked per-task losses, and
 * the weighting strategy's backward. Leaves the gradients on the parameters for the optimizer.
 */
final class TrainingStep {

    private final MultiTaskBlock block;
    private final List<String> tasks;
    private final List<Loss> losses;
    private final ParameterStore parameters;
    private final Scalars scalars;
    private final TaskWeigher weigher;
    private final Runnable beforeBackward;
    private final NDArray one;
    private List<LossGroup> groups;
    private ConflictProbe conflicts;
    private AffinityProbe affinity;
    /** The devices each batch is split across, or null for one device. */
    private DeviceShards shards;

    TrainingStep(
            MultiTaskBlock block,
            List<String> tasks,
            List<Loss> losses,
            ParameterStore parameters,
            Scalars scalars,
            TaskWeigher weigher,
            Runnable beforeBackward) {
        this.block = block;
        this.tasks = tasks;
        this.losses = losses;
        this.parameters = parameters;
        this.scalars = scalars;
        this.weigher = weigher;
        this.beforeBackward = beforeBackward;
        // the 1 every backward starts from, made with the fit's other constants (on one device
        // or several alike)
        this.one = scalars.of(1.0);
    }

    /** Lets {@code probe} measure the sampled steps' task gradients before the weighting. */
    void monitorConflicts(ConflictProbe probe) {
        this.conflicts = probe;
    }

    /** Lets {@code probe} measure the sampled steps' inter-task affinity before the weighting. */
    void measureAffinity(AffinityProbe probe) {
        this.affinity = probe;
    }

    /** Splits every batch across {@code devices} ({@code devices(...)}, {@link DeviceShards}). */
    void splitAcross(DeviceShards devices) {
        this.shards = devices;
    }

    /**
     * Whether the steps' outcomes must carry the heads' outputs (running training metrics): a
     * step split across devices then copies them to the first device; one device has them
     * anyway.
     */
    void collectOutputs(boolean collect) {
        if (shards != null) {
            shards.collectOutputs(collect);
        }
    }

    /**
     * What a step leaves, owned by the step's manager: the task losses (tasks; no gradient), the
     * weights (tasks; NaN when the losses were refused before the backward, which then did not
     * run) and the heads' outputs (still in the graph; for running training metrics).
     */
    record Outcome(NDArray losses, NDArray weights, NDList outputs, boolean backwardRan) {

        /** The losses then the weights, one vector (2 × tasks) owned by the step. */
        NDArray record() {
            return Torch.cat(new NDList(losses, weights), 0);
        }
    }

    /** Runs the step. */
    Outcome run(Batch batch, NDManager manager) {
        return run(batch, manager, losses -> true);
    }

    /**
     * Runs the step, asking {@code accept} about the task losses (shape (tasks), no gradient)
     * before the backward: a refused step runs no backward, so neither the parameters' gradients
     * nor a weighting strategy's state see its losses.
     */
    Outcome run(Batch batch, NDManager manager, Predicate<NDArray> accept) {
        if (shards != null && !weigher.usesTrunkOutput()) {
            return runSharded(batch, manager, accept);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList features = new NDList(batch.features());
            TrunkCut cut = !weigher.usesTrunkOutput() ? null
                    : shards != null ? shards.cut(batch, manager, beforeBackward)
                    : TrunkCut.of(block, parameters, features, beforeBackward);
            NDList outputs = cut == null
                    ? block.forward(parameters, features, true)
                    : cut.heads(block, parameters);
            TaskLosses stepLosses = taskLosses(outputs, batch, manager, collector);
            return weighAndBackward(stepLosses, outputs, cut, batch, manager, accept);
        }
    }

    /**
     * The step with the batch split across devices: the same losses, weighting and probes on the
     * first device, the forward and backward shard by shard ({@link DeviceShards}).
     */
    private Outcome runSharded(Batch batch, NDManager manager, Predicate<NDArray> accept) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ShardedLosses stepLosses = shards.forward(batch, tasks, manager);
            return weighAndBackward(stepLosses, stepLosses.outputs(), null, batch, manager,
                    accept);
        }
    }

    /**
     * What follows the forward on one device or several: {@code accept}'s verdict on the task
     * losses, the probes, the weighting's backward (from the trunk's output when {@code cut} is
     * given, then through the trunk) and the step's weights in the fit's data type.
     */
    private Outcome weighAndBackward(StepLosses stepLosses, NDList outputs, TrunkCut cut,
            Batch batch, NDManager manager, Predicate<NDArray> accept) {
        NDArray losses = stepLosses.stacked().stopGradient();
        boolean sampled = conflicts != null && conflicts.nextStep();
        boolean affinitySampled = affinity != null && affinity.nextStep();
        if (!accept.test(losses)) {
            NDArray nan = manager.full(new Shape(tasks.size()), Float.NaN, scalars.dataType());
            return new Outcome(losses, nan, outputs, false);
        }
        if (sampled) {
            conflicts.measure(stepLosses, cut);
        }
        if (affinitySampled) {
            affinity.measure(stepLosses, cut, store -> taskLosses(batch, manager, store));
        }
        // a cut comes with one device's losses only (several devices cut in DeviceShards.cut)
        NDArray weights = weigher.backward(cut == null ? stepLosses
                : ((TaskLosses) stepLosses).withTrunkOutput(cut.leaf()));
        if (cut != null) {
            cut.backwardTrunk(manager);
        }
        NDArray typed = weights.toType(scalars.dataType(), false);
        if (typed != weights) {
            typed.attach(manager);
        }
        return new Outcome(losses, typed, outputs, true);
    }

    private boolean[] labelled(Batch batch) {
        boolean[] labelled = new boolean[tasks.size()];
        for (int t = 0; t < labelled.length; t++) {
            labelled[t] = batch.hasLabels(t);
        }
        return labelled;
    }

    /** The per-task mean losses of the batch (zero, moving nothing, for unlabelled tasks). */
    NDArray[] taskLosses(Batch batch, NDManager manager, boolean training) {
        return taskLosses(batch, manager, parameters, training);
    }

    /**
     * The per-task mean losses of the batch in inference mode (no dropout) with the parameter
     * values {@code store} gives.
     */
    NDArray[] taskLosses(Batch batch, NDManager manager, ParameterStore store) {
        return taskLosses(batch, manager, store, false);
    }

    private NDArray[] taskLosses(
            Batch batch, NDManager manager, ParameterStore store, boolean training) {
        TaskLosses stepLosses = taskLosses(
                block.forward(store, new NDList(batch.features()), training), batch, manager,
                null);
        NDArray[] values = new NDArray[tasks.size()];
        for (int t = 0; t < values.length; t++) {
            values[t] = stepLosses.loss(t);
        }
        return values;
    }

    /**
     * The step's losses: single-output tasks with the same loss computed together (see {@link
     * LossGroup}), every other task on its own; a fully labelled task takes the plain mean.
     */
    private TaskLosses taskLosses(
            NDList outputs, Batch batch, NDManager manager, GradientCollector collector) {
        if (groups == null) {
            groups = LossGroup.plan(losses, outputs);
        }
        boolean[] labelled = labelled(batch);
        if (groups.size() == 1 && groups.get(0).tasks().length == tasks.size()) {
            NDArray stacked = groups.get(0).losses(outputs, batch, scalars, manager);
            return new TaskLosses(tasks, stacked, labelled, manager, collector, beforeBackward)
                    .startingFrom(one);
        }
        NDArray[] taskLosses = new NDArray[tasks.size()];
        for (LossGroup group : groups) {
            NDArray vector = group.losses(outputs, batch, scalars, manager);
            for (int i = 0; i < group.tasks().length; i++) {
                taskLosses[group.tasks()[i]] = vector.get(i);
            }
        }
        long rows = batch.features().getShape().get(0);
        for (int t = 0; t < tasks.size(); t++) {
            if (taskLosses[t] != null) {
                continue;
            }
            if (!batch.hasLabels(t)) {
                taskLosses[t] = manager.zeros(new Shape(), scalars.dataType());
                continue;
            }
            taskLosses[t] = batch.counts()[t] == rows
                    ? FusedLoss.mean(losses.get(t), outputs.get(t), batch.labels().get(t),
                            scalars)
                    : FusedLoss.perExample(losses.get(t), outputs.get(t),
                            batch.labels().get(t), scalars).mul(batch.rowWeights().get(t)).sum();
        }
        return new TaskLosses(tasks, taskLosses, labelled, manager, collector, beforeBackward)
                .startingFrom(one);
    }
}
