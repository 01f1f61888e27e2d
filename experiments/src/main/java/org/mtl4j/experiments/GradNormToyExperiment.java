package org.mtl4j.experiments;

import static org.mtl4j.Mtl4j.dense;
import static org.mtl4j.Mtl4j.relu;

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
import org.mtl4j.data.Split;
import org.mtl4j.datasets.GradNormToy;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.Blocks;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.weighting.TaskLosses;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.Weighting;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.Table;

/**
 * The toy regression of Chen et al. 2018 (GradNorm, section 4) trained by a hand-written DJL loop
 * that uses an mtl4j weighting strategy outside the DSL: a trunk of 4 × (Linear(100) + ReLU), a
 * Linear(100) head per task, MSE per task, DJL's Adam (learning rate 1e-3) on the network, batch
 * 100; the strategy's own learned values on mtl4j's Adam (GradNorm's in PyTorch's form).
 * The result is the paper's metric, the test {@code Σ_i L_i / L_i(0)} (each task's test loss
 * relative to its loss before training), and the weights of the last step.
 *
 * <p>The layers start as DJL's {@code Linear} does (W ~ N(0, 2/fan_in), b = 0), or, with an
 * {@link Initializer} such as {@code pytorchDefault()}, as that initializer says (PyTorch's
 * {@code nn.Linear}: W and b ~ U(±1/√fan_in)).
 *
 * <p>Example: {@code GradNormToyExperiment.run(gradNorm(0.12), new double[] {1, 100}, 0, 10_000)}
 */
public final class GradNormToyExperiment {

    /** Training rows. */
    public static final int TRAIN_ROWS = 10_000;

    /** Test rows. */
    public static final int TEST_ROWS = 2_000;

    private static final int WIDTH = 100;
    private static final int BATCH = 100;

    private GradNormToyExperiment() {}

    /**
     * @param lossRatioSum test {@code Σ_i L_i / L_i(0)}
     * @param weights the task weights of the last step
     */
    public record Result(double lossRatioSum, double[] weights) {}

    /** Trains one network on the toy with scales {@code sigmas}, data and initialisation from seed. */
    public static Result run(Weighting weighting, double[] sigmas, long seed, int steps) {
        return run(weighting, sigmas, seed, steps, null);
    }

    /**
     * The same, the dense layers starting as {@code init} says; null for DJL's {@code Linear}
     * default, as {@link #run(Weighting, double[], long, int)}.
     */
    public static Result run(Weighting weighting, double[] sigmas, long seed, int steps,
            Initializer init) {
        GradNormToy toy = GradNormToy.create(sigmas, seed);
        Table train = toy.table(TRAIN_ROWS, 1000 + seed);
        Table test = toy.table(TEST_ROWS, 2000 + seed);
        Engine.getInstance().setRandomSeed((int) seed);
        if (Torch.threads() != 1 && Runtime.getRuntime().availableProcessors() <= 2) {
            Torch.setThreads(1);
        }
        int tasks = sigmas.length;
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            names.add("t" + (t + 1));
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block trunk;
            if (init == null) {
                SequentialBlock block = new SequentialBlock();
                for (int layer = 0; layer < 4; layer++) {
                    block.add(Linear.builder().setUnits(WIDTH).build())
                            .add(Activation.reluBlock());
                }
                trunk = block;
            } else {
                List<Layer> layers = new ArrayList<>();
                for (int layer = 0; layer < 4; layer++) {
                    layers.add(dense(WIDTH));
                    layers.add(relu());
                }
                trunk = Blocks.sequence(layers, init);
            }
            trunk.initialize(manager, DataType.FLOAT32, new Shape(1, GradNormToy.INPUTS));
            List<Block> heads = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                Block head = init == null
                        ? Linear.builder().setUnits(GradNormToy.OUTPUTS).build()
                        : Blocks.of(dense(GradNormToy.OUTPUTS), init);
                head.initialize(manager, DataType.FLOAT32, new Shape(1, WIDTH));
                heads.add(head);
            }
            Data trainData = Data.upload(train, tasks, manager);
            Data testData = Data.upload(test, tasks, manager);
            ParameterStore store = new ParameterStore(manager, false);
            double[] initial = testLosses(trunk, heads, testData, store);

            List<Parameter> shared = trunk.getParameters().values();
            List<Parameter> all = new ArrayList<>(shared);
            heads.forEach(h -> all.addAll(h.getParameters().values()));
            Optimizer optimizer = adam();
            // the strategy's learned weights (uncertainty's log-variances) on mtl4j's Adam, as
            // in the DSL; the network on DJL's, as a hand-written DJL loop has it
            TaskWeigher weigher = weighting.start(new WeightingContext(names, manager,
                    new Scalars(manager, DataType.FLOAT32), shared, seed,
                    () -> org.mtl4j.Mtl4j.adam(1e-3).create()));
            Random shuffle = new Random(seed);
            double[] weights = new double[tasks];
            int[] order = null;
            for (int step = 0; step < steps; step++) {
                int offset = (step * BATCH) % TRAIN_ROWS;
                if (offset == 0) {
                    order = Split.permutation(TRAIN_ROWS, shuffle);
                }
                try (NDManager stepManager = manager.newSubManager();
                        GradientCollector collector =
                                Engine.getInstance().newGradientCollector()) {
                    long[] index = new long[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        index[i] = order[offset + i];
                    }
                    NDArray rows = stepManager.create(index);
                    NDArray x = trainData.x.get(stepManager, new NDIndex("{}", rows));
                    NDArray[] losses = losses(trunk, heads, store, x, trainData, rows,
                            stepManager, true);
                    NDArray used = weigher.backward(
                            TaskLosses.of(names, stepManager, collector, losses));
                    for (Parameter parameter : all) {
                        NDArray gradient = parameter.getArray().getGradient();
                        gradient.attach(stepManager);
                        optimizer.update(parameter.getId(), parameter.getArray(), gradient);
                    }
                    if (step == steps - 1) {
                        weights = used.toType(DataType.FLOAT64, false).toDoubleArray();
                    }
                }
            }
            double[] last = testLosses(trunk, heads, testData, store);
            double sum = 0;
            for (int t = 0; t < tasks; t++) {
                sum += last[t] / initial[t];
            }
            return new Result(sum, weights);
        }
    }

    private static Optimizer adam() {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
    }

    /** Mean squared error per task (mean over rows and outputs), in the graph when training. */
    private static NDArray[] losses(
            Block trunk, List<Block> heads, ParameterStore store, NDArray x,
            Data data, NDArray rows, NDManager manager, boolean training) {
        NDList shared = trunk.forward(store, new NDList(x), training);
        NDArray[] losses = new NDArray[heads.size()];
        for (int t = 0; t < heads.size(); t++) {
            NDArray y = rows == null ? data.y.get(t)
                    : data.y.get(t).get(manager, new NDIndex("{}", rows));
            losses[t] = heads.get(t).forward(store, shared, training).head().sub(y).square()
                    .mean();
        }
        return losses;
    }

    private static double[] testLosses(
            Block trunk, List<Block> heads, Data test, ParameterStore store) {
        try (NDManager manager = test.x.getManager().newSubManager()) {
            NDArray x = test.x.duplicate();
            x.attach(manager);
            NDArray[] losses = losses(trunk, heads, store, x, test, null, manager, false);
            double[] values = new double[losses.length];
            for (int t = 0; t < losses.length; t++) {
                values[t] = losses[t].toType(DataType.FLOAT64, false).getDouble();
            }
            return values;
        }
    }

    /** Inputs and per-task targets on the device. */
    private record Data(NDArray x, List<NDArray> y) {

        static Data upload(Table table, int tasks, NDManager manager) {
            int rows = table.rowCount();
            NDArray x = manager.create(columns(table, "x", GradNormToy.INPUTS, rows),
                    new Shape(rows, GradNormToy.INPUTS));
            List<NDArray> y = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                y.add(manager.create(columns(table, "t" + (t + 1) + "_y", GradNormToy.OUTPUTS,
                        rows), new Shape(rows, GradNormToy.OUTPUTS)));
            }
            return new Data(x, y);
        }

        /** Row-major values of columns prefix1..prefixN. */
        private static float[] columns(Table table, String prefix, int count, int rows) {
            float[] values = new float[rows * count];
            for (int c = 0; c < count; c++) {
                double[] column = table.doubleColumn(prefix + (c + 1)).asDoubleArray();
                for (int r = 0; r < rows; r++) {
                    values[r * count + c] = (float) column[r];
                }
            }
            return values;
        }
    }
}
