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
     * How far a parameter may drift in 3 epochs of Adam(1e-2) from summing the batch's losses in
     * another order: measured up to ~1e-6 here; 2e-5 leaves room and still catches a wrong
     * combination (averaging the shards' means moves parameters by ~1e-3).
     */
    static final double TOLERANCE = 2e-5;

    static Stream<Arguments> weightings() {
        return Stream.of(
                Arguments.of("equal", equal()),
                Arguments.of("uncertainty", uncertainty()),
                Arguments.of("gradNorm", gradNorm(1.5)),
                Arguments.of("pcgrad", pcgrad()),
                Arguments.of("mgda", mgda()));
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
     * y = 2·x1 − x2 + noise on every row; c = hi/lo by x1 + x2, missing on 2 rows of 5; z = x1·x2,
     * labelled on the first 30 rows only.
     */
    static Table table(int rows) {
        Random random = new Random(11);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn g = StringColumn.create("g");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn c = StringColumn.create("c");
        DoubleColumn z = DoubleColumn.create("z");
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
            if (i < 30) {
                z.append(a * b);
            } else {
                z.appendMissing();
            }
        }
        return Table.create("devices", x1, x2, g, y, c, z);
    }
}
