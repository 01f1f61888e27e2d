package org.mtl4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.data.Split;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.NoGrad;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.StaticWeighting;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * One data-parallel replica of a model: computes the gradient of its share of a global batch
 * without stepping, applies a given (combined) gradient with the model's optimizer, and reads and
 * writes the flat parameter vector. Engines that run replicas (Apache Spark's barrier stages, see
 * the {@code mtl4j-spark} module) combine the gradients or parameters between these calls.
 *
 * <p>Exact synchronous training: replica p computes {@code gradient(shard, rows_p, shares_p)} with
 * {@code shares_p[t] = count_pt / Σ_q count_qt} (its labelled rows of task t over the global
 * batch's); the sum of the replicas' gradients is then the gradient of the global batch's
 * weighted mean loss {@code Σ_t w_t · L_t}, and every replica calls {@code apply(sum, counts)}
 * with the global counts. Only weightings whose weights are fixed are supported ({@code equal()},
 * {@code weights(...)}): the others would need the whole batch's losses or task gradients.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(adam(1e-2)))) {
 *     ReplicaStep.Shard shard = replica.upload(table);
 *     ShardGradient g = replica.gradient(shard, new int[] {0, 1, 2}, new double[] {1, 1});
 *     replica.apply(g.gradient(), g.counts());
 * }
 * }</pre>
 *
 * <p>Defaults: the fit settings' optimizer, clipping ({@code clipGradientNorm}, applied to the
 * combined gradient) and data type; the heads of tasks without a label in the global batch are
 * left alone, as {@code fit()} does. Not used: schedules, early stopping, validation, listeners,
 * freezing (a replica trains every part).
 */
public final class ReplicaStep implements AutoCloseable {

    private final ModelParts parts;
    private final NDManager fit;
    private final List<Parameter> parameters;
    private final long[] offsets;
    private final TrainingStep step;
    private final ParameterUpdate update;
    private final float[] taskWeights;
    private final FitLock.Running running;

    private ReplicaStep(ModelParts parts, FitSettings settings, float[] taskWeights) {
        this.parts = parts;
        this.taskWeights = taskWeights;
        this.fit = parts.manager().newSubManager();
        this.parameters = new ArrayList<>(parts.block().getParameters().values());
        this.offsets = new long[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + parameters.get(i).getArray().size();
        }
        Scalars scalars = new Scalars(fit, parts.dataType());
        List<Loss> losses = parts.spec().tasks().stream().map(TaskSpec::loss).toList();
        this.step = new TrainingStep(parts.block(), parts.spec().taskNames(), losses,
                new ParameterStore(fit, false), scalars, null, () -> {});
        Optimizer optimizer = parts.optimizer(settings.optimizer(), settings.optimizer()::create);
        FusedAdam.Fit fused = settings.optimizer().usesAdam()
                ? FusedAdam.of(optimizer, settings.optimizer().adamSettings(), parameters,
                        parts.manager(), parts.dataType()).start(fit, scalars)
                : null;
        this.update = new ParameterUpdate(parts.block(), optimizer, settings.clipGradientNorm(),
                scalars, fit, fused);
        this.running = new FitLock.Running(parts.spec().taskNames(), 1);
    }

    /**
     * A replica of the model whose parts are {@code parts} (its own copy: replicas share nothing),
     * training with {@code settings}' optimizer and clipping.
     *
     * @throws IllegalArgumentException for a weighting whose weights are not fixed, naming it
     */
    public static ReplicaStep open(ModelParts parts, FitSettings settings) {
        return new ReplicaStep(parts, settings, fixedWeights(parts));
    }

    /**
     * Checks that data-parallel training supports {@code weighting}.
     *
     * @throws IllegalArgumentException for a weighting whose weights are not fixed, naming it
     */
    public static void unsupportedWeighting(Weighting weighting) {
        if (!(weighting instanceof EqualWeighting) && !(weighting instanceof StaticWeighting)) {
            throw unsupported(weighting);
        }
    }

    /**
     * The fixed task weights of the model's weighting.
     *
     * @throws IllegalArgumentException for any other weighting, naming it and the fix
     */
    static float[] fixedWeights(ModelParts parts) {
        Weighting weighting = parts.spec().weighting();
        List<String> tasks = parts.spec().taskNames();
        float[] weights = new float[tasks.size()];
        if (weighting instanceof EqualWeighting) {
            Arrays.fill(weights, 1f);
            return weights;
        }
        if (weighting instanceof StaticWeighting fixed) {
            for (int t = 0; t < weights.length; t++) {
                weights[t] = fixed.weights().get(tasks.get(t)).floatValue();
            }
            return weights;
        }
        throw unsupported(weighting);
    }

    /** Why data-parallel training refuses {@code weighting}. */
    static IllegalArgumentException unsupported(Weighting weighting) {
        return new IllegalArgumentException("Data-parallel training supports the weightings whose"
                + " task weights are fixed: equal() and weights(...). Received: weighting("
                + weighting + "). Its weights come from the whole batch's losses or task"
                + " gradients, which each replica sees only in part. Build the model with"
                + " .weighting(equal()) or .weighting(weights(...)) to train it on several"
                + " replicas, or train it with model.fit(...) on one machine.");
    }

    /** A replica's rows, encoded once with the model's encoders. */
    public static final class Shard {
        private final DeviceSplit split;

        private Shard(DeviceSplit split) {
            this.split = split;
        }

        /** How many rows. */
        public int rows() {
            return split == null ? 0 : split.rows();
        }
    }

    /**
     * Encodes {@code table}'s rows (inputs and labels) for this replica; the shard lives until
     * the replica is closed. A table without rows (an empty partition) gives an empty shard, whose
     * gradients are zero.
     */
    public Shard upload(Table table) {
        if (table.rowCount() == 0) {
            return new Shard(null);
        }
        int[] all = Split.allRows(table.rowCount());
        Table filled = AbsentLabels.fill(table, parts.spec().tasks(), parts.spec().tasks());
        return new Shard(DeviceSplit.upload(parts, filled, all, fit));
    }

    /** Per task, how many of the shard's rows {@code rows} have a label. */
    public int[] labelled(Shard shard, int[] rows) {
        requireRows("labelled", shard, rows);
        int[] counts = new int[taskWeights.length];
        for (int t = 0; t < counts.length && rows.length > 0; t++) {
            boolean[] present = shard.split.hostLabels().get(t).present();
            for (int row : rows) {
                counts[t] += present[row] ? 1 : 0;
            }
        }
        return counts;
    }

    /** Per task, the fixed weight of the model's weighting (1 for {@code equal()}). */
    public double[] taskWeights() {
        double[] weights = new double[taskWeights.length];
        for (int t = 0; t < weights.length; t++) {
            weights[t] = taskWeights[t];
        }
        return weights;
    }

    /** How many values the flat gradient and parameter vectors have. */
    public int size() {
        return (int) offsets[offsets.length - 1];
    }

    /**
     * The gradient of {@code Σ_t shares[t] · w_t · L_t} over the shard's rows {@code rows} (L_t:
     * task t's mean loss over those rows that have its label), in training mode; the parameters
     * are not changed and their gradients are left at zero. No rows: a zero gradient.
     *
     * @throws IllegalStateException when interrupted while another fit in this JVM holds the
     *     engine (DJL computes one gradient per JVM at a time)
     */
    public ShardGradient gradient(Shard shard, int[] rows, double[] shares) {
        int tasks = taskWeights.length;
        if (shares.length != tasks) {
            throw new IllegalArgumentException("gradient() needs one share per task. Received: "
                    + shares.length + " shares for tasks " + parts.spec().taskNames()
                    + ". Pass count_t / global count_t for every task.");
        }
        requireRows("gradient", shard, rows);
        double[] losses = new double[tasks];
        Arrays.fill(losses, Double.NaN);
        if (rows.length == 0) {
            return new ShardGradient(new float[size()], losses, new int[tasks]);
        }
        try (NDManager manager = fit.newSubManager();
                FitLock.Held held = FitLock.acquire(running, waiting -> {})) {
            if (held == null) {
                throw new IllegalStateException("A replica's gradient was interrupted while it"
                        + " waited for another fit in this JVM to end.");
            }
            update.zeroGradients();
            Batch batch = shard.split.batch(manager, rows);
            float[] scale = new float[tasks];
            for (int t = 0; t < tasks; t++) {
                scale[t] = (float) shares[t] * taskWeights[t];
            }
            float[] taskLosses;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray stacked = NDArrays.stack(new NDList(step.taskLosses(batch, manager, true)));
                NDArray factors = manager.create(scale).toType(parts.dataType(), false);
                collector.backward(stacked.mul(factors).sum());
                taskLosses = Tensors.toFloats(stacked.stopGradient());
            }
            float[] gradient = Tensors.toFloats(update.gather(manager).flat());
            update.zeroGradients();
            int[] counts = batch.counts().clone();
            for (int t = 0; t < tasks; t++) {
                losses[t] = counts[t] > 0 ? taskLosses[t] : Double.NaN;
            }
            return new ShardGradient(gradient, losses, counts);
        }
    }

    /**
     * Applies {@code gradient} (flat, as {@link #gradient} gives) with the optimizer, after the
     * fit's clipping; the heads of tasks whose {@code counts} (labelled rows in the global batch)
     * are 0 are left alone.
     */
    public void apply(float[] gradient, int[] counts) {
        requireSize("apply", gradient);
        try (NDManager manager = fit.newSubManager()) {
            NDArray[] each = new NDArray[parameters.size()];
            for (int i = 0; i < each.length; i++) {
                float[] part = Arrays.copyOfRange(gradient, (int) offsets[i], (int) offsets[i + 1]);
                each[i] = typed(manager.create(part, parameters.get(i).getArray().getShape()));
            }
            NDArray flat = typed(manager.create(gradient));
            Batch batch = new Batch(null, List.of(), List.of(), counts.clone());
            update.apply(manager, batch, new ParameterUpdate.StepGradients(each, flat), null, 1f);
        }
    }

    private NDArray typed(NDArray array) {
        return parts.dataType() == DataType.FLOAT32 ? array
                : array.toType(parts.dataType(), false);
    }

    /** The parameters, flat, in the network's parameter order. */
    public float[] parameters() {
        float[] values = new float[size()];
        for (int i = 0; i < parameters.size(); i++) {
            float[] part = Tensors.toFloats(parameters.get(i).getArray());
            System.arraycopy(part, 0, values, (int) offsets[i], part.length);
        }
        return values;
    }

    /** Overwrites the parameters with {@code values} (flat, as {@link #parameters} gives). */
    public void setParameters(float[] values) {
        requireSize("setParameters", values);
        try (NoGrad ignored = new NoGrad()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray array = parameters.get(i).getArray();
                float[] part = Arrays.copyOfRange(values, (int) offsets[i], (int) offsets[i + 1]);
                if (array.getDataType() == DataType.FLOAT32) {
                    array.set(FloatBuffer.wrap(part));
                } else {
                    double[] wide = new double[part.length];
                    for (int j = 0; j < part.length; j++) {
                        wide[j] = part[j];
                    }
                    array.set(java.nio.DoubleBuffer.wrap(wide));
                }
            }
        }
    }

    /** Checks that {@code rows} are rows of {@code shard}. */
    private static void requireRows(String method, Shard shard, int[] rows) {
        for (int row : rows) {
            if (row < 0 || row >= shard.rows()) {
                throw new IllegalArgumentException(method + "() needs rows of the shard."
                        + " Received: rows.length=" + rows.length + " (row " + row + ") for a"
                        + " shard of shard.rows()=" + shard.rows() + " rows. Pass row indices"
                        + " from 0 to shard.rows() - 1 (no rows for an empty shard).");
            }
        }
    }

    private void requireSize(String method, float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(method + "() needs " + size() + " values (the"
                    + " model's parameters, flat). Received: " + values.length + " values. Pass"
                    + " a vector from gradient() or parameters() of a replica of this model.");
        }
    }

    /** Frees the replica's step state and shards (not the model's parameters). */
    @Override
    public void close() {
        fit.close();
    }
}
