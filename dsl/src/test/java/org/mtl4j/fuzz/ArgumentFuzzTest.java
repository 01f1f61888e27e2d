package org.mtl4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.mtl4j.Mtl4j.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.TaskBuilder;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.TrainingDivergedException;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every numeric argument of the DSL, given every extreme value (NaN, ±Infinity, 0, -0, negative,
 * subnormal, tiny, huge, integer limits): the call either throws {@link
 * IllegalArgumentException} saying what it {@code Received}, or the model it gives trains one
 * epoch on a small table into a finite history and finite predictions, or the divergence guard
 * stops the fit ({@code TrainingDivergedException}) and the model keeps only finite epochs.
 *
 * <p>Example of one case: {@code huber(NaN)} must be rejected; {@code dropout(0.999999)} must
 * train.
 */
class ArgumentFuzzTest {

    static final double[] DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1, -0.0, 0,
        Double.MIN_VALUE, 1e-300, 1e-6, 0.5, 0.999999, 1, 2, 1e6, 1e300
    };

    static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 31};

    /** For batch sizes: larger than the table, up to the largest int. */
    static final int[] LARGE_INTS = {Integer.MIN_VALUE, -1, 0, 1, 29, 30, 31, Integer.MAX_VALUE};

    @TestFactory
    Stream<DynamicTest> everyArgumentWorksOrIsRejected() {
        List<DynamicTest> tests = new ArrayList<>();
        doubles("dropout", v -> base().trunk(dense(4), dropout(v), relu()), tests);
        doubles("huber", v -> multiTask().input(numeric("x1", "x2")).trunk(dense(4), relu())
                .task("y").head(dense(1)).loss(huber(v))
                .task("c").head(dense(2)).loss(crossEntropy()).weighting(equal()), tests);
        doubles("crossStitch", v -> multiTask().input(numeric("x1", "x2"))
                .crossStitch(v, dense(4), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy()).weighting(equal()), tests);
        doubles("uncertainty", v -> base().trunk(dense(4), relu()).weighting(uncertainty(v)),
                tests);
        doubles("dwa", v -> base().trunk(dense(4), relu()).weighting(dwa(v)), tests);
        doubles("gradNorm", v -> base().trunk(dense(4), relu()).weighting(gradNorm(v)), tests);
        doubles("cagrad", v -> base().trunk(dense(4), relu()).weighting(cagrad(v)), tests);
        doubles("famo learning rate", v -> base().trunk(dense(4), relu())
                .weighting(famo(v, 0.01)), tests);
        doubles("famo gamma", v -> base().trunk(dense(4), relu()).weighting(famo(0.025, v)),
                tests);
        doubles("alignedMtl", v -> base().trunk(dense(4), relu())
                .weighting(alignedMtl(String.valueOf(v))), tests);
        doubles("dbMtl beta", v -> base().trunk(dense(4), relu()).weighting(dbMtl(v, 0)), tests);
        doubles("dbMtl sigma", v -> base().trunk(dense(4), relu()).weighting(dbMtl(0.9, v)),
                tests);
        doubles("gradVac", v -> base().trunk(dense(4), relu()).weighting(gradVac(v)), tests);
        doubles("stch", v -> base().trunk(dense(4), relu()).weighting(stch(v, 0)), tests);
        ints("stch warm-up", n -> base().trunk(dense(4), relu()).weighting(stch(1.0, n)), tests);
        doubles("fairGrad", v -> base().trunk(dense(4), relu()).weighting(fairGrad(v)), tests);
        doubles("weights", v -> base().trunk(dense(4), relu())
                .weighting(weights(Map.of("y", v, "c", 1.0))), tests);
        ints("dense", n -> base().trunk(dense(n), relu()), tests);
        ints("experts", n -> base().experts(n, dense(3), relu()).gates(), tests);
        ints("taskExperts", n -> base().experts(1, dense(3), relu()).taskExperts(n).gates(),
                tests);
        ints("levels", n -> base().experts(1, dense(3), relu()).taskExperts(1).levels(n).gates(),
                tests);
        ints("buckets", n -> multiTask().input(numeric("x1"), text("t").buckets(n))
                .trunk(dense(4), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy()), tests);
        ints("vocabulary", n -> multiTask().input(numeric("x1"), text("t").vocabulary(n))
                .trunk(dense(4), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy()), tests);
        fitDoubles("validationSplit", v -> new FitOption[] {validationSplit(v)}, tests);
        fitDoubles("clipGradientNorm", v -> new FitOption[] {clipGradientNorm(v)}, tests);
        fitDoubles("sgd", v -> new FitOption[] {sgd(v)}, tests);
        fitDoubles("adam", v -> new FitOption[] {adam(v)}, tests);
        fitDoubles("adamW", v -> new FitOption[] {adamW(v)}, tests);
        fitDoubles("momentum", v -> new FitOption[] {sgd(0.01).momentum(v)}, tests);
        fitInts("epochs", n -> new FitOption[] {epochs(n)}, INTS, tests);
        fitInts("batchSize", n -> new FitOption[] {batchSize(n)}, LARGE_INTS, tests);
        fitInts("threads", n -> new FitOption[] {threads(n)}, INTS, tests);
        fitInts("devices", n -> new FitOption[] {devices(n)}, INTS, tests);
        return tests.stream();
    }

    private static ModelBuilder base() {
        return multiTask().input(numeric("x1", "x2"));
    }

    private static void doubles(String call, DoubleFunction<Object> model,
            List<DynamicTest> tests) {
        for (double v : DOUBLES) {
            tests.add(dynamicTest(call + "(" + v + ")", () -> check(call + "(" + v + ")",
                    () -> withTasks(model.apply(v)), new FitOption[0])));
        }
    }

    private static void ints(String call, IntFunction<Object> model, List<DynamicTest> tests) {
        for (int n : INTS) {
            tests.add(dynamicTest(call + "(" + n + ")", () -> check(call + "(" + n + ")",
                    () -> withTasks(model.apply(n)), new FitOption[0])));
        }
    }

    private static void fitDoubles(String call, DoubleFunction<FitOption[]> options,
            List<DynamicTest> tests) {
        for (double v : DOUBLES) {
            tests.add(dynamicTest(call + "(" + v + ")", () -> {
                FitOption[] made;
                try {
                    made = options.apply(v);
                } catch (RuntimeException e) {
                    rejected(call + "(" + v + ")", e);
                    return;
                }
                check(call + "(" + v + ")", () -> withTasks(base().trunk(dense(4), relu())),
                        made);
            }));
        }
    }

    private static void fitInts(String call, IntFunction<FitOption[]> options, int[] values,
            List<DynamicTest> tests) {
        for (int n : values) {
            tests.add(dynamicTest(call + "(" + n + ")", () -> {
                FitOption[] made;
                try {
                    made = options.apply(n);
                } catch (RuntimeException e) {
                    rejected(call + "(" + n + ")", e);
                    return;
                }
                check(call + "(" + n + ")", () -> withTasks(base().trunk(dense(4), relu())),
                        made);
            }));
        }
    }

    /** Adds the two tasks unless the declaration already has them. */
    private static MultiTaskModel withTasks(Object declared) {
        if (declared instanceof ModelBuilder model) {
            return model.spec().tasks().isEmpty()
                    ? model.task("y").head(dense(1)).loss(mse())
                            .task("c").head(dense(2)).loss(crossEntropy()).build()
                    : model.build();
        }
        return ((TaskBuilder) declared).build();
    }

    private interface Declaration {
        MultiTaskModel build();
    }

    private static void check(String call, Declaration declaration, FitOption[] extra) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            MultiTaskModel built;
            try {
                built = declaration.build();
            } catch (RuntimeException e) {
                rejected(call, e);
                return;
            }
            try (MultiTaskModel model = built) {
                List<FitOption> options = new ArrayList<>(List.of(epochs(1), batchSize(8),
                        seed(1), threads(1), quiet()));
                options.addAll(Arrays.asList(extra));
                TrainingRun run;
                try {
                    run = model.fit(table(), options.toArray(FitOption[]::new));
                } catch (TrainingDivergedException e) {
                    if (!model.history().isEmpty()) {
                        requireFinitePredictions(call + " (after " + e.getMessage() + ")",
                                model);
                    }
                    return;
                } catch (RuntimeException e) {
                    rejected(call, e);
                    return;
                }
                run.history().epochs().forEach(epoch -> epoch.tasks().forEach(task -> {
                    if (!Double.isFinite(task.trainLoss())) {
                        throw new AssertionError(call + ": task '" + task.task()
                                + "' training loss " + task.trainLoss());
                    }
                }));
                requireFinitePredictions(call, model);
            }
        }, () -> call + ": no result within 60 s");
    }

    private static void requireFinitePredictions(String call, MultiTaskModel model) {
        Table predictions = model.predict(table());
        double[] values = predictions.doubleColumn("y").asDoubleArray();
        double[] probabilities = predictions.doubleColumn("c_probability").asDoubleArray();
        if (!Arrays.stream(values).allMatch(Double::isFinite)
                || !Arrays.stream(probabilities).allMatch(p -> p >= 0 && p <= 1)) {
            throw new AssertionError(call + ": a model returned as trained predicts "
                    + Arrays.toString(values) + " with probabilities "
                    + Arrays.toString(probabilities));
        }
    }

    private static void rejected(String call, RuntimeException e) {
        if (e.getClass() != IllegalArgumentException.class
                && e.getClass() != IllegalStateException.class) {
            throw new AssertionError(call + ": leaked " + e.getClass().getName() + ": "
                    + e.getMessage(), e);
        }
        if (e.getMessage() == null || !e.getMessage().contains("Received")) {
            throw new AssertionError(call + ": the message does not say what it received: "
                    + e.getMessage(), e);
        }
    }

    /** 30 rows: two numbers, a short text, a regression label and two classes. */
    static Table table() {
        Random random = new Random(3);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn c = StringColumn.create("c");
        StringColumn t = StringColumn.create("t");
        for (int r = 0; r < 30; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            y.append(2 * a - b + 0.1 * random.nextGaussian());
            c.append(a + b > 0 ? "up" : "down");
            t.append(a > 0 ? "good phone" : "bad price");
        }
        return Table.create("args", x1, x2, y, c, t);
    }
}
