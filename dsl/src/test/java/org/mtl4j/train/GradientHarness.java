package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mtl4j.GarbageCollections;
import org.mtl4j.data.Split;
import org.mtl4j.engine.NoGrad;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The garbage-collection gradient harness: a model's parameter gradients after one training step
 * against central finite differences, with full garbage collections forced between forward and
 * backward (the DJL scalar-op bug in DESIGN.md turns gradients into garbage exactly then). Every
 * loss and several head shapes, partial labels and non-uniform task weights, in double precision.
 *
 * <p>Example: {@code GradientHarness.check(spec.weighting()::start).mismatches()} is empty.
 */
final class GradientHarness {

    private static final Map<String, Double> WEIGHTS =
            Map.of("ce", 1.0, "bce", 0.7, "mse", 1.3, "l1", 0.5, "huber", 2.0);
    private static final List<String> NAMES = List.of("ce", "bce", "mse", "l1", "huber");
    private static final double EPSILON = 1e-6;

    private GradientHarness() {}

    /** The spec of the check: every loss, several head shapes, non-uniform task weights. */
    static ModelSpec spec() {
        return multiTask()
                .input(numeric("a", "b", "c"), categorical("kind"))
                .trunk(dense(6), tanh(), dense(5), relu())
                .task("ce").head(dense(3)).loss(crossEntropy())
                .task("bce").head(dense(4), sigmoid(), dense(1)).loss(binaryCrossEntropy())
                .task("mse").head(dense(1)).loss(mse())
                .task("l1").head(dense(4), tanh(), dense(1)).loss(l1())
                .task("huber").head(dense(1)).loss(huber(0.5))
                .weighting(weights(WEIGHTS))
                .build()
                .spec();
    }

    /** The weight of each task of {@link #spec()}, in task order. */
    static double[] taskWeights() {
        return NAMES.stream().mapToDouble(WEIGHTS::get).toArray();
    }

    /**
     * Runs one training step of {@link #spec()} with {@code weigher} (made from the step's
     * context), forcing garbage collections between forward and backward, and compares sampled
     * parameter gradients with central finite differences of the weighted objective {@code Σ α_t
     * L_t}, α being the weights the weigher returned (held fixed).
     *
     * @return the gradient values that disagree, e.g. "d objective / d 01Linear_weight[5]:
     *     analytic 0.31, numeric 0.12"; empty when all agree
     */
    static Result check(java.util.function.Function<WeightingContext, TaskWeigher> weigher) {
        return check(weigher, (step, parts) -> {});
    }

    /** {@link #check(java.util.function.Function)} with {@code setup} run on the step first. */
    static Result check(java.util.function.Function<WeightingContext, TaskWeigher> weigher,
            java.util.function.BiConsumer<TrainingStep, ModelParts> setup) {
        return check(spec(), weigher, setup);
    }

    /**
     * {@link #check(java.util.function.Function, java.util.function.BiConsumer)} for another spec
     * over the columns of {@link #randomTable} (its tasks: those of {@link #spec()}).
     */
    static Result check(ModelSpec spec,
            java.util.function.Function<WeightingContext, TaskWeigher> weigher,
            java.util.function.BiConsumer<TrainingStep, ModelParts> setup) {
        return check(spec, randomTable(24, new Random(3)), weigher, setup);
    }

    /**
     * The check for another model and table; parameters without gradients (batch norm's running
     * statistics) are skipped.
     */
    static Result check(ModelSpec spec, Table table,
            java.util.function.Function<WeightingContext, TaskWeigher> weigher,
            java.util.function.BiConsumer<TrainingStep, ModelParts> setup) {
        int[] rows = Split.allRows(table.rowCount());
        try (ModelParts parts = ModelParts.create(spec, table, rows, Device.cpu(),
                        DataType.FLOAT64);
                NDManager fit = parts.manager().newSubManager();
                NDManager step = fit.newSubManager()) {
            Scalars scalars = new Scalars(fit, DataType.FLOAT64);
            DeviceSplit data = DeviceSplit.upload(parts, table, rows, fit);
            Batch batch = data.batch(step, rows);
            List<Loss> losses = spec.tasks().stream().map(TaskSpec::loss).toList();
            TaskWeigher taskWeigher = weigher.apply(
                    new WeightingContext(spec.taskNames(), fit, scalars, shared(spec, parts), 0L,
                            () -> null));
            TrainingStep trainingStep = new TrainingStep(parts.block(), spec.taskNames(), losses,
                    new ParameterStore(fit, false), scalars, taskWeigher,
                    GarbageCollections::force);
            setup.accept(trainingStep, parts);

            // the objective differentiated is Σ α_t L_t with the weights α the weigher returned
            double[] recorded = trainingStep.run(batch, step).record().toDoubleArray();
            double[] used = java.util.Arrays.copyOfRange(recorded, recorded.length / 2,
                    recorded.length);

            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            for (Parameter parameter : parts.block().getParameters().values()) {
                if (!parameter.requiresGradient()) {
                    continue;
                }
                NDArray weight = parameter.getArray();
                double[] analytic = weight.getGradient().toDoubleArray();
                for (int i : sample(analytic.length)) {
                    double numeric = finiteDifference(trainingStep, batch, step, weight, i,
                            used);
                    if (!(Math.abs(analytic[i] - numeric) <= 1e-6 + 1e-5 * Math.abs(numeric))) {
                        mismatches.add("d objective / d " + parameter.getName() + "[" + i
                                + "]: analytic " + analytic[i] + ", numeric " + numeric);
                    }
                    checked++;
                }
            }
            return new Result(checked, mismatches);
        }
    }

    /** The shared parameters the weigher sees: none for {@link #spec()}, as before, else all. */
    private static List<Parameter> shared(ModelSpec spec, ModelParts parts) {
        return spec == spec() || spec.equals(spec()) ? List.of()
                : parts.block().sharedParameters();
    }

    /**
     * @param checked how many gradient values were compared
     * @param mismatches the ones that disagree
     */
    record Result(int checked, List<String> mismatches) {}

    private static double finiteDifference(
            TrainingStep step, Batch batch, NDManager manager, NDArray weight, int index,
            double[] used) {
        double plus = objectiveWith(step, batch, manager, weight, index, EPSILON, used);
        double minus = objectiveWith(step, batch, manager, weight, index, -EPSILON, used);
        return (plus - minus) / (2 * EPSILON);
    }

    private static double objectiveWith(
            TrainingStep step, Batch batch, NDManager manager, NDArray weight, int index,
            double delta, double[] used) {
        try (NoGrad ignored = new NoGrad(); NDManager scope = manager.newSubManager()) {
            double[] shift = new double[(int) weight.size()];
            shift[index] = delta;
            NDArray change = scope.create(shift, weight.getShape());
            weight.addi(change);
            NDArray[] losses = step.taskLosses(batch, scope, true);
            weight.subi(change);
            double objective = 0;
            for (int t = 0; t < losses.length; t++) {
                objective += used[t] * losses[t].getDouble();
            }
            return objective;
        }
    }

    private static List<Integer> sample(int size) {
        List<Integer> indices = new ArrayList<>();
        int stride = Math.max(1, size / 5);
        for (int i = 0; i < size; i += stride) {
            indices.add(i);
        }
        return indices;
    }

    static Table randomTable(int rows, Random random) {
        DoubleColumn a = DoubleColumn.create("a");
        DoubleColumn b = DoubleColumn.create("b");
        DoubleColumn c = DoubleColumn.create("c");
        StringColumn kind = StringColumn.create("kind");
        StringColumn ce = StringColumn.create("ce");
        StringColumn bce = StringColumn.create("bce");
        DoubleColumn mse = DoubleColumn.create("mse");
        DoubleColumn l1 = DoubleColumn.create("l1");
        DoubleColumn huber = DoubleColumn.create("huber");
        for (int i = 0; i < rows; i++) {
            a.append(random.nextGaussian());
            b.append(random.nextGaussian());
            c.append(random.nextGaussian());
            kind.append(random.nextBoolean() ? "left" : "right");
            ce.append(List.of("x", "y", "z").get(i % 3));
            bce.append(i % 4 == 0 ? "" : random.nextBoolean() ? "yes" : "no");
            mse.append(random.nextGaussian());
            l1.append(i % 3 == 0 ? Double.NaN : 2 * random.nextGaussian());
            huber.append(3 * random.nextGaussian());
        }
        return Table.create("random", a, b, c, kind, ce, bce, mse, l1, huber);
    }
}
