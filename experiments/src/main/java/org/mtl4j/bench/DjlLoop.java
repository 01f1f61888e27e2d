package org.mtl4j.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.mtl4j.engine.Torch;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A hand-written DJL training loop for a {@link Workload}, the way a careful DJL user writes one:
 * data uploaded once, one gather per epoch for the shuffle, a slice per batch, a sub-manager per
 * step, {@code GradientCollector}, DJL's Adam on every parameter. No evaluation, no metrics.
 *
 * <p>With {@code perTaskTrunk} it recomputes the trunk for every task, as the seed tutorial's
 * naive loop does, to show what running the trunk once per batch saves.
 *
 * <p>Example: {@code try (DjlLoop loop = new DjlLoop(SMALL, data, 1, false)) { loop.run(5); }}
 */
final class DjlLoop implements AutoCloseable {

    private final Workload workload;
    private final boolean perTaskTrunk;
    private final boolean grouped;
    private final NDManager manager;
    private final Block trunk;
    private final List<Block> heads = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final ParameterStore store;
    private final Optimizer optimizer;
    private final NDArray x;
    private final List<NDArray> values = new ArrayList<>();
    private final NDArray kinds;
    private final int rows;
    private final Random shuffle = new Random(7);

    DjlLoop(Workload workload, BenchData data, int threads, boolean perTaskTrunk) {
        this(workload, data, threads, perTaskTrunk, false);
    }

    /**
     * As above; with {@code grouped} (regression-only workloads) the {@code dense(1)} heads are one
     * {@code Linear(tasks)} and the task losses one column-wise mean: what batching same-shaped
     * heads would save.
     */
    DjlLoop(Workload workload, BenchData data, int threads, boolean perTaskTrunk,
            boolean grouped) {
        if (grouped && (workload.classHead() || perTaskTrunk)) {
            throw new IllegalArgumentException("Grouped heads need a regression-only workload with"
                    + " the trunk run once. Received: " + workload + ", perTaskTrunk="
                    + perTaskTrunk + ".");
        }
        this.workload = workload;
        this.perTaskTrunk = perTaskTrunk;
        this.grouped = grouped;
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Torch.setThreads(threads);
        // the device fit() picks by default: the GPU when DJL sees one
        manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(),
                "PyTorch");
        SequentialBlock sequential = new SequentialBlock();
        for (int width : workload.trunk()) {
            sequential.add(Linear.builder().setUnits(width).build());
            sequential.add(Activation.reluBlock());
        }
        trunk = sequential;
        trunk.initialize(manager, DataType.FLOAT32, new Shape(1, data.features()));
        Shape shared = trunk.getOutputShapes(new Shape[] {new Shape(1, data.features())})[0];
        for (int t = 0; t < (grouped ? 1 : workload.tasks()); t++) {
            if (grouped) {
                Block head = Linear.builder().setUnits(workload.tasks()).build();
                head.initialize(manager, DataType.FLOAT32, shared);
                heads.add(head);
                break;
            }
            boolean classes = workload.classHead() && t == workload.regressionHeads();
            Block head = Linear.builder().setUnits(classes ? 3 : 1).build();
            head.initialize(manager, DataType.FLOAT32, shared);
            heads.add(head);
        }
        parameters.addAll(trunk.getParameters().values());
        heads.forEach(h -> parameters.addAll(h.getParameters().values()));
        store = new ParameterStore(manager, false);
        optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        rows = data.rows();
        x = manager.create(data.x(), new Shape(rows, data.features()));
        for (int t = 0; t < workload.regressionHeads(); t++) {
            values.add(manager.create(data.values()[t]));
        }
        if (grouped) {
            NDArray columns = ai.djl.ndarray.NDArrays.stack(new NDList(values), 1);
            values.clear();
            values.add(columns);
        }
        kinds = manager.create(data.kinds());
    }

    /** Trains {@code epochs} epochs. */
    Timing run(int epochs) {
        Timing.Clock clock = Timing.start();
        int steps = 0;
        for (int e = 0; e < epochs; e++) {
            steps += epoch();
        }
        return clock.stop(steps);
    }

    private int epoch() {
        int steps = 0;
        try (NDManager epoch = manager.newSubManager()) {
            NDIndex order = new NDIndex("{}", epoch.create(HandLoopSteps.permutation(rows, shuffle)));
            NDArray ex = x.get(epoch, order);
            List<NDArray> ev = new ArrayList<>();
            values.forEach(v -> ev.add(v.get(epoch, order)));
            NDArray ek = kinds.get(epoch, order);
            for (int from = 0; from < rows; from += workload.batchSize()) {
                int to = Math.min(rows, from + workload.batchSize());
                try (NDManager step = epoch.newSubManager()) {
                    NDIndex slice = new NDIndex().addSliceDim(from, to);
                    List<NDArray> labels = new ArrayList<>();
                    ev.forEach(v -> labels.add(v.get(step, slice)));
                    if (workload.classHead()) {
                        labels.add(ek.get(step, slice));
                    }
                    step(ex.get(step, slice), labels, step);
                }
                steps++;
            }
        }
        return steps;
    }

    private void step(NDArray features, List<NDArray> labels, NDManager step) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList shared = perTaskTrunk ? null : trunk.forward(store, new NDList(features), true);
            NDArray total = null;
            if (grouped) {
                NDArray out = heads.get(0).forward(store, shared, true).singletonOrThrow();
                // per task the mean over the batch, then their sum: one op each for all tasks
                total = out.sub(labels.get(0)).square().mean(new int[] {0}).sum();
            }
            for (int t = 0; t < (grouped ? 0 : heads.size()); t++) {
                NDList input = perTaskTrunk ? trunk.forward(store, new NDList(features), true)
                        : shared;
                NDArray out = heads.get(t).forward(store, input, true).singletonOrThrow();
                NDArray label = labels.get(t);
                NDArray loss = workload.classHead() && t == workload.regressionHeads()
                        ? out.logSoftmax(-1).gather(label.reshape(-1, 1), 1).neg().mean()
                        : out.reshape(-1).sub(label).square().mean();
                total = total == null ? loss : total.add(loss);
            }
            collector.backward(total);
        }
        HandLoopSteps.update(parameters, optimizer, step);
    }

    /** Where the data and parameters live. */
    Device device() {
        return x.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
