package org.mtl4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mtl4j.datasets.ImagePixels;
import org.mtl4j.engine.Torch;
import tech.tablesaw.api.Table;

/**
 * A hand-written DJL training loop for {@link ImageBench}'s LeNet on MultiMNIST, the way a careful
 * DJL user writes one: the images decoded and uploaded once as one float32 tensor (rows × 1 × 36 ×
 * 36, pixels / 255), one gather per epoch for the shuffle, a slice per batch, a sub-manager per
 * step, DJL's own {@code Conv2d}, {@code Pool.maxPool2dBlock}, {@code batchFlattenBlock} and
 * {@code Linear} blocks, {@code GradientCollector}, the two heads' cross-entropies (log-softmax and
 * gather, no Java number on the training path) summed, and DJL's Adam on every parameter. No
 * evaluation, no metrics.
 *
 * <p>Example: {@code try (DjlImageLoop loop = new DjlImageLoop(MultiMnist.table(4000, 1), 64,
 * 1e-3f, 1)) { loop.run(2); }}
 */
final class DjlImageLoop implements AutoCloseable {

    private final NDManager manager;
    private final Block trunk;
    private final List<Block> heads = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final ParameterStore store;
    private final Optimizer optimizer;
    private final NDArray images;
    private final List<NDArray> labels = new ArrayList<>();
    private final int rows;
    private final int batchSize;
    private final Random shuffle = new Random(7);

    /**
     * @param table MultiMNIST rows ({@code image}, {@code left}, {@code right})
     * @param batchSize rows per step
     * @param learningRate Adam's learning rate
     * @param threads libtorch's intra-op threads
     */
    DjlImageLoop(Table table, int batchSize, float learningRate, int threads) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Torch.setThreads(threads);
        manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(),
                "PyTorch");
        this.batchSize = batchSize;
        rows = table.rowCount();
        Shape image = new Shape(1, ImageBench.SIDE, ImageBench.SIDE);
        trunk = new SequentialBlock()
                .add(conv(ImageBench.FILTERS_1)).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(ImageBench.FILTERS_2)).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(ImageBench.HIDDEN).build())
                .add(Activation.reluBlock());
        Shape input = new Shape(1).addAll(image);
        trunk.initialize(manager, DataType.FLOAT32, input);
        Shape shared = trunk.getOutputShapes(new Shape[] {input})[0];
        for (String task : ImageBench.TASKS) {
            Block head = Linear.builder().setUnits(10).build();
            head.initialize(manager, DataType.FLOAT32, shared);
            heads.add(head);
            labels.add(manager.create(java.util.Arrays.stream(table.intColumn(task).asIntArray())
                    .asLongStream().toArray()));
        }
        parameters.addAll(trunk.getParameters().values());
        heads.forEach(h -> parameters.addAll(h.getParameters().values()));
        store = new ParameterStore(manager, false);
        optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
        images = manager.create(pixels(table), new Shape(rows).addAll(image));
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setFilters(filters)
                .setKernelShape(new Shape(ImageBench.KERNEL, ImageBench.KERNEL)).build();
    }

    /** Every image's pixels / 255, row after row. */
    private static float[] pixels(Table table) {
        int size = ImageBench.SIDE * ImageBench.SIDE;
        float[] values = new float[table.rowCount() * size];
        for (int row = 0; row < table.rowCount(); row++) {
            byte[] bytes = ImagePixels.decode(table.stringColumn("image").get(row));
            for (int i = 0; i < size; i++) {
                values[row * size + i] = (bytes[i] & 0xff) / 255f;
            }
        }
        return values;
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
            NDArray shuffled = images.get(epoch, order);
            List<NDArray> shuffledLabels = new ArrayList<>();
            labels.forEach(l -> shuffledLabels.add(l.get(epoch, order)));
            for (int from = 0; from < rows; from += batchSize) {
                int to = Math.min(rows, from + batchSize);
                try (NDManager step = epoch.newSubManager()) {
                    NDIndex slice = new NDIndex().addSliceDim(from, to);
                    List<NDArray> batchLabels = new ArrayList<>();
                    shuffledLabels.forEach(l -> batchLabels.add(l.get(step, slice)));
                    step(shuffled.get(step, slice), batchLabels, step);
                }
                steps++;
            }
        }
        return steps;
    }

    private void step(NDArray batch, List<NDArray> batchLabels, NDManager step) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList shared = trunk.forward(store, new NDList(batch), true);
            NDArray total = null;
            for (int t = 0; t < heads.size(); t++) {
                NDArray out = heads.get(t).forward(store, shared, true).singletonOrThrow();
                NDArray loss = out.logSoftmax(-1).gather(batchLabels.get(t).reshape(-1, 1), 1)
                        .neg().mean();
                total = total == null ? loss : total.add(loss);
            }
            collector.backward(total);
        }
        HandLoopSteps.update(parameters, optimizer, step);
    }

    /** The number of trained parameters (to check it is the same model as the DSL's). */
    long parameterCount() {
        return parameters.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
