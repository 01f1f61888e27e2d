package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A fit whose batches are split across several devices ({@code devices(Device.cpu(),
 * Device.cpu())}: the splitting and combining path, on the CPU) trains like the same fit on one
 * device: same parameters, step losses, task weights and metrics, within float tolerance.
 */
class DevicesFitTest {

    /**
     * How far a parameter may drift in 3 epochs from summing the batch's losses in another
     * order: at most 1.2e-7 was measured here (the test prints it); averaging the shards' means
     * instead of taking the batch's mean moved parameters by 3e-2 to 6e-2.
     */
    static final double TOLERANCE = 1e-5;

    static Stream<Arguments> weightings() {
        return Stream.of(
                Arguments.of("equal", equal()),
                Arguments.of("uncertainty", uncertainty()),
                Arguments.of("gradNorm", gradNorm(1.5)),
                Arguments.of("pcgrad", pcgrad()),
                Arguments.of("mgda", mgda()),
                Arguments.of("mgda on the trunk output", mgda().onTrunkOutput()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightings")
    void twoAndThreeDevicesTrainLikeOne(String name, Weighting weighting) {
        // GIVEN 101 rows (batches of 20: the last has 1 row, fewer than the devices), a task
        // labelled on 3 rows of 5 and one labelled on the first 30 rows only
        Table table = table(101);

        // WHEN the same fit runs on one device, on two and on three (shards of 7, 7 and 6 rows)
        Fitted one = fit(table, weighting);
        Fitted two = fit(table, weighting, devices(Device.cpu(), Device.cpu()));
        Fitted three = fit(table, weighting,
                devices(Device.cpu(), Device.cpu(), Device.cpu()));

        System.out.printf("%s: largest parameter difference from one device: 2 devices %.2e,"
                + " 3 devices %.2e%n", name, largestDifference(one.parameters(), two.parameters()),
                largestDifference(one.parameters(), three.parameters()));
        // THEN the parameters, the steps' losses and weights and the epochs' metrics agree
        for (Fitted split : List.of(two, three)) {
            assertThat(largestDifference(one.parameters(), split.parameters()))
                    .as(name + " parameters").isLessThan(TOLERANCE);
            assertClose(one.stepValues(), split.stepValues(), name + " step losses and weights");
            assertClose(one.metrics(), split.metrics(), name + " metrics");
        }
        // and the fits did learn (the comparison is not between untouched models)
        assertThat(one.stepValues()[0]).isNotEqualTo(one.stepValues()[one.stepValues().length
                - 6]);
    }

    @org.junit.jupiter.api.Test
    void sgdSeesTheScaleOfTheCombinedGradientAndTasksComputedTogether() {
        // GIVEN four single-output mse tasks (computed together, as one loss group), two of
        // them partially labelled, trained with SGD, whose step is the gradient's own size
        Table table = table(101);
        FitOption[] options = {epochs(2), batchSize(16), sgd(0.1), seed(3), quiet()};

        // WHEN the fit runs on one device and on three
        double[] one = groupFit(table, options);
        double[] three = groupFit(table, with(options,
                devices(Device.cpu(), Device.cpu(), Device.cpu())));

        // THEN the parameters agree
        System.out.printf("sgd, 4 tasks in a loss group: largest parameter difference %.2e%n",
                largestDifference(one, three));
        assertThat(largestDifference(one, three)).isLessThan(TOLERANCE);
    }

    @org.junit.jupiter.api.Test
    void oneListedDeviceTakesTheOneDevicePathBitForBit() {
        Table table = table(101);
        FitOption[] options = {epochs(2), batchSize(16), adam(1e-2), seed(3), quiet()};
        assertThat(groupFit(table, with(options, devices(Device.cpu()))))
                .containsExactly(groupFit(table, options));
    }

    @org.junit.jupiter.api.Test
    void moreGpusThanDjlSeesAreRefusedAtFitAndLeaveTheModelUntrained() {
        int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(4), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.fit(table(20),
                            devices(gpus + 1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("devices(" + (gpus + 1) + ") needs " + (gpus + 1)
                            + (gpus == 0 ? " GPU" : " GPUs") + ", but DJL sees "
                            + (gpus == 0 ? "none" : gpus) + " on this machine.");
            assertThat(model.parts()).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void aModelOnOneDeviceRefusedDevicesThatStartElsewhereNamingThem() {
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(4), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            model.fit(table(20), epochs(1), quiet());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.fit(table(20),
                            devices(Device.gpu(1), Device.cpu()), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("This model lives on cpu() but fit() was asked for gpu(1) (the"
                            + " first device of devices(...) holds the model). Received:"
                            + " devices(gpu(1), cpu()). List cpu() first, or build a new model"
                            + " for gpu(1).");
        }
    }

    @org.junit.jupiter.api.Test
    void aStreamedSourceWithTextAndCategoriesTrainsLikeOneDevice(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        // GIVEN a CSV source read in chunks, with a bag-of-words and a categorical input
        org.mtl4j.StreamData.writeCsv(org.mtl4j.StreamData.table(150, 5), folder, "rows");
        java.util.function.Supplier<org.mtl4j.source.RowSource> source = () ->
                org.mtl4j.source.Sources.csv(folder.resolve("rows.csv")).chunkRows(64)
                        .shuffleBuffer(1000);
        FitOption[] options = {epochs(2), batchSize(32), seed(7), quiet()};

        // WHEN it trains on one device and on two
        double[] one = streamedFit(source.get(), options);
        double[] two = streamedFit(source.get(), with(options,
                devices(Device.cpu(), Device.cpu())));

        // THEN the parameters agree
        assertThat(largestDifference(one, two)).isLessThan(TOLERANCE);
    }

    private static double[] streamedFit(org.mtl4j.source.RowSource source,
            FitOption... options) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("island"),
                        text("review").vocabulary(30))
                .trunk(dense(16), relu())
                .task("species").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(mse())
                .build()) {
            model.fit(source, options);
            return ModelParameters.of(model).stream()
                    .flatMapToDouble(java.util.Arrays::stream).toArray();
        }
    }

    @org.junit.jupiter.api.Test
    void imagesThroughConvolutionsTrainLikeOneDevice() {
        // GIVEN 8×8 images, convolutions and pooling (no batch norm: it normalises per shard)
        Random random = new Random(9);
        StringColumn images = StringColumn.create("image");
        StringColumn kind = StringColumn.create("kind");
        DoubleColumn size = DoubleColumn.create("size");
        for (int i = 0; i < 45; i++) {
            byte[] pixels = new byte[64];
            random.nextBytes(pixels);
            images.append(org.mtl4j.datasets.ImagePixels.encode(pixels));
            kind.append(List.of("x", "y", "z").get(i % 3));
            size.append(random.nextGaussian());
        }
        Table table = Table.create("images", images, kind, size);
        FitOption[] options = {epochs(2), batchSize(16), adam(1e-2), seed(5), quiet()};

        // WHEN it trains on one device and on three
        double[] one = imageFit(table, options);
        double[] three = imageFit(table, with(options,
                devices(Device.cpu(), Device.cpu(), Device.cpu())));

        // THEN the parameters agree
        assertThat(largestDifference(one, three)).isLessThan(TOLERANCE);
    }

    private static double[] imageFit(Table table, FitOption... options) {
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 8, 8))
                .trunk(conv2d(2, 3).padding(1), relu(), maxPool(2))
                .task("kind").head(flatten(), dense(3)).loss(crossEntropy())
                .task("size").head(globalAvgPool(), dense(1)).loss(mse())
                .build()) {
            model.fit(table, options);
            return ModelParameters.of(model).stream()
                    .flatMapToDouble(java.util.Arrays::stream).toArray();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frozenWeightings")
    void aFrozenTrunkStaysFrozenAndTheRestTrainsLikeOneDevice(String name, Weighting weighting) {
        // GIVEN a trained model, then a fit that freezes its trunk (equal(): the trunk's
        // gradients are turned off; pcgrad(): they are computed and dropped)
        Table table = table(101);
        FitOption[] first = {epochs(1), batchSize(20), adam(1e-2), seed(7), quiet()};
        FitOption[] frozen = {epochs(2), batchSize(20), adam(1e-2), seed(8), quiet(),
            freeze(trunk())};

        // WHEN the second fit runs on one device and on two
        double[][] one = frozenFit(table, weighting, first, frozen);
        double[][] two = frozenFit(table, weighting, first, with(frozen,
                devices(Device.cpu(), Device.cpu())));

        // THEN the trunk did not move, and every parameter agrees with one device
        assertThat(two[1]).containsExactly(two[0]);
        assertThat(largestDifference(one[2], two[2])).isLessThan(TOLERANCE);
    }

    static Stream<Arguments> frozenWeightings() {
        return Stream.of(Arguments.of("equal", equal()), Arguments.of("pcgrad", pcgrad()),
                Arguments.of("uncertainty", uncertainty()));
    }

    /** The trunk's parameters before and after the frozen fit, then every parameter after. */
    private static double[][] frozenFit(Table table, Weighting weighting, FitOption[] first,
            FitOption[] frozen) {
        return frozenFit(table, table, weighting, first, frozen);
    }

    private static double[][] frozenFit(Table table, Table second, Weighting weighting,
            FitOption[] first, FitOption[] frozen) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy())
                .weighting(weighting).build()) {
            model.fit(table, first);
            double[] trunkBefore = trunkValues(model);
            model.fit(second, frozen);
            return new double[][] {trunkBefore, trunkValues(model),
                ModelParameters.of(model).stream().flatMapToDouble(java.util.Arrays::stream)
                        .toArray()};
        }
    }

    private static double[] trunkValues(MultiTaskModel model) {
        return ModelParameters.of(model.parts().orElseThrow().block().sharing()).stream()
                .flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frozenWeightings")
    void shardsWhoseLossesAreConstantAreSkippedLikeOneDevice(String name, Weighting weighting) {
        // GIVEN tasks y and c, c labelled on 1 row of 100, and a second fit that freezes the
        // trunk and y's head: in most shards (and batches) no loss can move a parameter
        Table oneLabel = table(100);
        for (int row = 0; row < oneLabel.rowCount(); row++) {
            if (row != 42) {
                oneLabel.stringColumn("c").setMissing(row);
            }
        }
        FitOption[] first = {epochs(1), batchSize(20), adam(1e-2), seed(7), quiet()};
        FitOption[] frozen = {epochs(2), batchSize(20), adam(1e-2), seed(8), quiet(),
            freeze(trunk(), heads("y"))};

        // WHEN the second fit runs on one device and on two
        double[][] one = frozenFit(table(100), oneLabel, weighting, first, frozen);
        double[][] two = frozenFit(table(100), oneLabel, weighting, first, with(frozen,
                devices(Device.cpu(), Device.cpu())));

        // THEN both finish, the trunk did not move, and every parameter agrees
        assertThat(one[1]).containsExactly(one[0]);
        assertThat(two[1]).containsExactly(two[0]);
        assertThat(largestDifference(one[2], two[2])).isLessThan(TOLERANCE);
    }

    static Stream<Arguments> architectures() {
        java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> mmoe =
                b -> b.experts(3, dense(8), relu()).gates();
        java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> ple =
                b -> b.experts(2, dense(8), relu()).taskExperts(1).levels(2).gates();
        java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> stitch =
                b -> b.crossStitch(dense(8), relu());
        java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> hard =
                b -> b.trunk(dense(8), relu());
        return Stream.of(
                Arguments.of("hard sharing, pcgrad on the trunk output", hard,
                        pcgrad().onTrunkOutput()),
                Arguments.of("MMoE, cagrad", mmoe, cagrad()),
                Arguments.of("PLE, imtl", ple, imtl()),
                Arguments.of("cross-stitch, nashMtl", stitch, nashMtl()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void architecturesValidationAndProbesAgreeWithOneDevice(String name,
            java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> sharing,
            Weighting weighting) {
        // GIVEN a validation split, the conflict monitor and the task affinity on every step
        Table data = org.mtl4j.datasets.SeedExample.table(192, 3, 11);
        FitOption[] options = {epochs(2), batchSize(32), adam(1e-2), validationSplit(0.25),
            conflictMonitor().every(1), taskAffinity().every(1), quiet()};

        // WHEN the fit runs on one device and on two
        List<Object> one = probedFit(data, sharing, weighting, options);
        List<Object> two = probedFit(data, sharing, weighting,
                with(options, devices(Device.cpu(), Device.cpu())));

        // THEN parameters, validation losses, conflict and affinity records agree
        for (int i = 0; i < one.size(); i++) {
            assertClose((double[]) one.get(i), (double[]) two.get(i), name + " part " + i);
        }
        assertThat(((double[]) one.get(2)).length).as("conflict records").isPositive();
        assertThat(((double[]) one.get(3)).length).as("affinity records").isPositive();
    }

    private static List<Object> probedFit(Table data,
            java.util.function.UnaryOperator<org.mtl4j.ModelBuilder> sharing,
            Weighting weighting, FitOption... options) {
        org.mtl4j.ModelBuilder builder = sharing.apply(multiTask()
                .input(numeric("x1", "x2", "x3")));
        try (MultiTaskModel model = builder
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .task("task3").head(dense(1)).loss(mse())
                .weighting(weighting).build()) {
            TrainingHistory history = model.fit(data, options).history();
            double[] parameters = ModelParameters.of(model).stream()
                    .flatMapToDouble(java.util.Arrays::stream).toArray();
            double[] validation = history.epochs().stream()
                    .flatMap(e -> e.tasks().stream()).mapToDouble(TaskEpoch::validationLoss)
                    .toArray();
            double[] conflicts = history.conflicts().stream()
                    .flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.cosine(),
                            r.magnitudeRatio()))
                    .toArray();
            double[] affinities = history.affinities().stream()
                    .mapToDouble(AffinityRecord::affinity).toArray();
            return List.of(parameters, validation, conflicts, affinities);
        }
    }

    @org.junit.jupiter.api.Test
    void severalDevicesLeaveAsManyLiveArraysAsOne() {
        // WHEN the same 12-epoch fit runs on one device and on three
        List<Integer> one = liveArraysPerEpoch();
        List<Integer> three = liveArraysPerEpoch(devices(Device.cpu(), Device.cpu(),
                Device.cpu()));

        // THEN every epoch ends with as many live NDArrays as on one device (nothing of a
        // step's shards outlives the step)
        assertThat(three).hasSize(12).isEqualTo(one);
    }

    @org.junit.jupiter.api.Test
    void theModelsManagerHoldsNoMoreResourcesAfterMoreSteps() {
        // GIVEN a model trained once (its manager then holds what training leaves for good)
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("z").head(dense(1)).loss(mse())
                .build()) {
            FitOption[] options = {epochs(1), batchSize(16), adam(1e-2), seed(3), quiet(),
                devices(Device.cpu(), Device.cpu())};
            model.fit(table(101), options);
            ai.djl.ndarray.NDManager owner = model.parts().orElseThrow().block().getParameters()
                    .valueAt(0).getArray().getManager();
            int after1 = ManagerResources.held(owner);

            // WHEN it trains 3 more epochs (21 more steps) on two shards
            model.fit(table(101), with(options, epochs(3)));

            // THEN the parameters' manager holds as many resources (arrays, sub-managers) as
            // before: the steps' copies between devices leave nothing under it (on CPU shards
            // the copies take the same-device branches; MultiDeviceCheck checks the same on GPUs)
            assertThat(ManagerResources.held(owner)).isEqualTo(after1);
        }
    }

    private static List<Integer> liveArraysPerEpoch(FitOption... more) {
        List<Integer> liveArrays = new ArrayList<>();
        FitListener counter = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                try (ai.djl.ndarray.NDManager probe = ai.djl.ndarray.NDManager.newBaseManager()) {
                    // the engine's root manager owns every manager: it sees every live array
                    liveArrays.add(probe.getParentManager().getManagedArrays().size());
                }
            }
        };
        groupFit(table(101), with(new FitOption[] {epochs(12), batchSize(16), adam(1e-2),
            listener(counter), quiet()}, more.length == 0 ? seed(42) : more[0]));
        return liveArrays;
    }

    private static double[] groupFit(Table table, FitOption... options) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("z").head(dense(1)).loss(mse())
                .task("u").head(dense(1)).loss(mse())
                .task("v").head(dense(1)).loss(mse())
                .build()) {
            model.fit(table, options);
            return ModelParameters.of(model).stream()
                    .flatMapToDouble(java.util.Arrays::stream).toArray();
        }
    }

    private static FitOption[] with(FitOption[] options, FitOption more) {
        FitOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = more;
        return all;
    }

    /** A fit's results as numbers. */
    record Fitted(double[] parameters, double[] stepValues, double[] metrics) {}

    private static Fitted fit(Table table, Weighting weighting, FitOption... more) {
        List<FitOption> options = new ArrayList<>(List.of(epochs(3), batchSize(20), adam(1e-2),
                seed(7), quiet()));
        options.addAll(List.of(more));
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu(), dense(6), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae())
                .task("c").head(dense(2)).loss(crossEntropy()).metric(accuracy())
                .task("z").head(dense(1)).loss(mse()).metric(mae())
                .weighting(weighting)
                .build()) {
            TrainingRun run = model.fit(table, options.toArray(new FitOption[0]));
            double[] parameters = ModelParameters.of(model).stream()
                    .flatMapToDouble(java.util.Arrays::stream).toArray();
            List<Double> steps = new ArrayList<>();
            for (StepRecord step : run.history().steps()) {
                for (int t = 0; t < 3; t++) {
                    steps.add(step.losses()[t]);
                    steps.add(step.weights()[t]);
                }
            }
            List<Double> metrics = new ArrayList<>();
            for (EpochRecord epoch : run.history().epochs()) {
                for (TaskEpoch task : epoch.tasks()) {
                    metrics.add(task.trainLoss());
                    metrics.add(task.weight());
                    for (Map.Entry<String, Double> metric : task.metrics().entrySet()) {
                        metrics.add(metric.getValue());
                    }
                }
            }
            return new Fitted(parameters, toArray(steps), toArray(metrics));
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(actual[i]).as(what + " [" + i + "]").isNaN();
            } else {
                assertThat(Math.abs(actual[i] - expected[i]))
                        .as(what + " [" + i + "]: " + expected[i] + " vs " + actual[i])
                        .isLessThan(TOLERANCE * Math.max(1, Math.abs(expected[i])));
            }
        }
    }

    static double largestDifference(double[] a, double[] b) {
        assertThat(b).hasSameSizeAs(a);
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * y = 2·x1 − x2 + noise on every row; c = hi/lo by x1 + x2, missing on 2 rows of 5;
     * z = x1·x2, labelled on the first 30 rows only; u = x1 − x2/2; v = |x1|, missing on every
     * fourth row.
     */
    static Table table(int rows) {
        Random random = new Random(11);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn g = StringColumn.create("g");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn c = StringColumn.create("c");
        DoubleColumn z = DoubleColumn.create("z");
        DoubleColumn u = DoubleColumn.create("u");
        DoubleColumn v = DoubleColumn.create("v");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            g.append(i % 3 == 0 ? "a" : "b");
            y.append(2 * a - b + 0.1 * random.nextGaussian());
            if (i % 5 == 1 || i % 5 == 3) {
                c.appendMissing();
            } else {
                c.append(a + b > 0 ? "hi" : "lo");
            }
            u.append(a - 0.5 * b);
            if (i % 4 == 0) {
                v.appendMissing();
            } else {
                v.append(Math.abs(a));
            }
            if (i < 30) {
                z.append(a * b);
            } else {
                z.appendMissing();
            }
        }
        return Table.create("devices", x1, x2, g, y, c, z, u, v);
    }
}
