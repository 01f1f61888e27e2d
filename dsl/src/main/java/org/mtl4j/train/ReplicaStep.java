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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mtl4j.data.Split;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.PackedParameters;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.StaticWeighting;
import org.mtl4j.weighting.TaskLosses;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.TrunkOutputWeighting;
import org.mtl4j.weighting.Weighting;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.Table;

/**
 * One data-parallel replica of a model: computes its share of a global batch without stepping,
 * applies the replicas' combined share with the model's optimizer (and weighting), takes local
 * steps, and reads and writes the flat parameter vector. Engines that run replicas (Apache
 * Spark's barrier stages, see the {@code mtl4j-spark} module) combine the shares or parameters
 * between these calls.
 *
 * <p>Exact synchronous training, two paths that both give the update one process would compute on
 * the global batch:
 *
 * <ul>
 *   <li>fixed weights ({@code equal()}, {@code weights(...)}; {@link #fixedWeights()}): replica p
 *       computes {@code gradient(shard, rows_p, shares_p)} with {@code shares_p[t] = count_pt /
 *       Σ_q count_qt} (its labelled rows of task t over the global batch's); the sum of the
 *       replicas' gradients is the gradient of the global batch's weighted loss {@code Σ_t w_t ·
 *       L_t}, and every replica calls {@code apply(sum, counts)} with the global counts. One
 *       gradient vector per replica and step travels.
 *   <li>any other weighting (uncertainty, DWA, GradNorm, PCGrad, MGDA, CAGrad...): replica p
 *       computes {@link #taskShares} (per task its loss share and that share's gradient, one
 *       backward per task); their sum holds the global batch's per-task mean losses {@code L_t}
 *       and gradients {@code G_t}, and every replica calls {@link #weighAndApply}, which runs the
 *       model's own weighting on {@link SurrogateLosses surrogate losses} whose values are {@code
 *       L_t} and whose gradients are {@code G_t}, then the optimizer. T gradient vectors per
 *       replica and step travel. Weightings {@code .onTrunkOutput()} take gradients per row of
 *       the trunk's output and are refused ({@link #requireCombinable}).
 * </ul>
 *
 * <p>Local steps ({@link #localStep}, for parameter averaging): the step {@code fit()} takes, with
 * the model's weighting, on the replica's rows only.
 *
 * <p>Example (one replica holding the whole global batch; with several, sum what they send):
 *
 * <pre>{@code
 * try (ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(adam(1e-2)))) {
 *     ReplicaStep.Shard shard = replica.upload(table);
 *     int[] rows = {0, 1, 2};
 *     if (replica.fixedWeights()) {
 *         ShardGradient g = replica.gradient(shard, rows, new double[] {1, 1});
 *         replica.apply(g.gradient(), g.counts());
 *     } else {
 *         int[] counts = replica.labelled(shard, rows);
 *         replica.weighAndApply(replica.taskShares(shard, rows, counts));
 *     }
 * }
 * }</pre>
 *
 * <p>Defaults: the fit settings' optimizer, clipping ({@code clipGradientNorm}, applied to the
 * combined gradient), seed (weightings that draw random numbers draw the same on every replica)
 * and data type; the model's weighting and its saved state; the heads of tasks without a label in
 * the global batch are left alone, as {@code fit()} does. Not used: schedules, early stopping,
 * validation, listeners, freezing (a replica trains every part).
 */
public final class ReplicaStep implements AutoCloseable {

    private final ModelParts parts;
    private final NDManager fit;
    private final List<Parameter> parameters;
    private final long[] offsets;
    private final TrainingStep step;
    private final ParameterUpdate update;
    private final float[] taskWeights;
    private final TaskWeigher weigher;
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
        this.weigher = parts.weigher(model -> parts.spec().weighting().start(
                new WeightingContext(parts.spec().taskNames(), model,
                        new Scalars(model, parts.dataType()), parts.block().sharedParameters(),
                        settings.seed(), settings.optimizer()::create)));
        this.step = new TrainingStep(parts.block(), parts.spec().taskNames(), losses,
                new ParameterStore(fit, false), scalars, weigher, () -> {});
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
     * training with {@code settings}' optimizer and clipping and the model's weighting (started
     * as {@code fit()} starts it, from its saved state when the model has one).
     *
     * @throws IllegalArgumentException when the weighting does not fit the model (as at fit())
     */
    public static ReplicaStep open(ModelParts parts, FitSettings settings) {
        return new ReplicaStep(parts, settings, fixedWeights(parts));
    }

    /**
     * Checks that exact synchronous training ({@link #taskShares}) can combine {@code
     * weighting}: every weighting but those {@code .onTrunkOutput()}.
     *
     * @throws IllegalArgumentException for a weighting on the trunk's output, naming it and the
     *     fix
     */
    public static void requireCombinable(Weighting weighting) {
        if (weighting instanceof TrunkOutputWeighting) {
            throw onTrunkOutput(weighting.toString());
        }
    }

    /** Why exact synchronous training refuses {@code weighting}, which uses the trunk's output. */
    static IllegalArgumentException onTrunkOutput(String weighting) {
        return new IllegalArgumentException("Exact synchronous training on several replicas"
                + " combines the tasks' gradients of the parameters, but this weighting takes"
                + " them on the trunk's output, row by row, and each replica holds only its own"
                + " rows. Received: weighting(" + weighting + "). Build the model with the"
                + " strategy on the shared parameters (without .onTrunkOutput()), average"
                + " parameters instead with syncEvery(k) for k > 1 (each replica weighs its own"
                + " batches), or train it with model.fit(...) on one machine.");
    }

    /**
     * Whether the model's weighting has fixed task weights ({@code equal()}, {@code
     * weights(...)}): then the cheap path ({@link #gradient}, one combined gradient) gives the
     * exact update; otherwise {@link #taskShares} and {@link #weighAndApply}.
     */
    public boolean fixedWeights() {
        return taskWeights != null;
    }

    /** The fixed task weights of the model's weighting, or null for any other weighting. */
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
        return null;
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
        int[] counts = new int[tasks()];
        for (int t = 0; t < counts.length && rows.length > 0; t++) {
            boolean[] present = shard.split.hostLabels().get(t).present();
            for (int row : rows) {
                counts[t] += present[row] ? 1 : 0;
            }
        }
        return counts;
    }

    /**
     * Per task, the fixed weight of the model's weighting (1 for {@code equal()}).
     *
     * @throws IllegalStateException for a weighting whose weights are not fixed ({@link
     *     #fixedWeights()} false)
     */
    public double[] taskWeights() {
        requireFixed("taskWeights");
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
     * @throws IllegalStateException for a weighting whose weights are not fixed (use {@link
     *     #taskShares}), or when interrupted while another fit in this JVM holds the
     *     engine (DJL computes one gradient per JVM at a time)
     */
    public ShardGradient gradient(Shard shard, int[] rows, double[] shares) {
        requireFixed("gradient");
        int tasks = tasks();
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
            float[] gradient = update.hostValues(update.gather(manager));
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
            NDArray flat = typed(manager.create(update.laidOut(gradient)));
            Batch batch = new Batch(null, List.of(), List.of(), counts.clone());
            update.apply(manager, batch, new ParameterUpdate.StepGradients(each, flat), null, 1f);
        }
    }

    /**
     * Per task t, this replica's share of the global batch's mean loss, {@code ℓ_t = (sum of
     * task t's losses over those of the shard's rows {@code rows} that have its label) /
     * globalCounts[t]}, and the gradient of {@code ℓ_t} (all parameters, flat), in training mode:
     * one forward, one backward per task labelled among {@code rows}. The parameters are not
     * changed and their gradients are left at zero. A task without a label among the rows (or in
     * the global batch) gets zeros; no rows: all zeros.
     *
     * @param globalCounts per task, the labelled rows of the global batch (the replicas' {@link
     *     #labelled} summed)
     * @throws IllegalArgumentException for a weighting {@code .onTrunkOutput()}, naming it and
     *     the fix
     * @throws IllegalStateException when interrupted while another fit in this JVM holds the
     *     engine
     */
    public TaskShares taskShares(Shard shard, int[] rows, int[] globalCounts) {
        int tasks = tasks();
        requireCounts("taskShares", globalCounts);
        requireRows("taskShares", shard, rows);
        requireCombinable();
        int size = size();
        float[] values = new float[tasks * (1 + size)];
        if (rows.length == 0) {
            return new TaskShares(values, tasks, new int[tasks]);
        }
        try (NDManager manager = fit.newSubManager();
                FitLock.Held held = acquire()) {
            update.zeroGradients();
            Batch batch = shard.split.batch(manager, rows);
            int[] counts = batch.counts().clone();
            float[] scale = new float[tasks];
            for (int t = 0; t < tasks; t++) {
                scale[t] = counts[t] > 0 && globalCounts[t] > 0
                        ? (float) ((double) counts[t] / globalCounts[t]) : 0f;
            }
            int[] active = java.util.stream.IntStream.range(0, tasks)
                    .filter(t -> scale[t] > 0).toArray();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray stacked = NDArrays.stack(new NDList(step.taskLosses(batch, manager, true)));
                NDArray shares = stacked.mul(typed(manager.create(scale)));
                float[] host = Tensors.toFloats(shares.stopGradient());
                for (int i = 0; i < active.length; i++) {
                    int t = active[i];
                    NDArray share = shares.get(t);
                    NDArray ones = manager.ones(share.getShape(), share.getDataType());
                    Torch.backwardIfDifferentiable(share, ones, i < active.length - 1);
                    float[] gradient = update.hostValues(update.gather(manager));
                    System.arraycopy(gradient, 0, values, tasks + t * size, size);
                    update.zeroGradients();
                    values[t] = host[t];
                }
            }
            return new TaskShares(values, tasks, counts);
        }
    }

    /**
     * Runs the model's weighting on the global batch's per-task mean losses and gradients
     * ({@code global}: the replicas' {@link #taskShares} summed, with the global counts), then
     * applies the gradient it leaves with the optimizer after the fit's clipping, as {@code
     * fit()} does after its backward; the heads of tasks without a label in the global batch are
     * left alone. Every replica that calls it with the same {@code global} makes the same update
     * (and the same change to the weighting's state).
     *
     * @return the task weights the weighting used (what the history records)
     * @throws IllegalArgumentException for values of another model, or a weighting {@code
     *     .onTrunkOutput()}
     */
    public double[] weighAndApply(TaskShares global) {
        if (global.tasks() != tasks() || global.size() != size()) {
            throw new IllegalArgumentException("weighAndApply() needs the shares of this"
                    + " model's " + tasks() + " tasks and " + size() + " parameter values."
                    + " Received: " + global.tasks() + " tasks, " + global.size() + " values."
                    + " Pass the summed values of taskShares() of replicas of this model.");
        }
        requireCombinable();
        try (NDManager manager = fit.newSubManager();
                FitLock.Held held = acquire()) {
            update.zeroGradients();
            double[] used;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TaskLosses losses = SurrogateLosses.of(parts.spec().taskNames(), parameters,
                        global, parts.dataType(), manager, collector);
                used = hostDoubles(weigher.backward(losses), manager);
            }
            Batch batch = new Batch(null, List.of(), List.of(), global.counts().clone());
            update.apply(manager, batch, update.gather(manager), null, 1f);
            return used;
        }
    }

    /**
     * What {@link #localStep} did.
     *
     * @param losses per task, the mean loss over the rows (NaN for a task without labels there,
     *     or for every task when there were no rows)
     * @param weights per task, the weight the weighting used (NaN when there were no rows)
     * @param counts per task, the labelled rows
     */
    public record Taken(double[] losses, double[] weights, int[] counts) {}

    /**
     * The step {@code fit()} takes, with the model's weighting, on the shard's rows {@code rows}
     * alone (a replica's local step between parameter averagings); no rows: no step.
     *
     * @throws IllegalStateException when interrupted while another fit in this JVM holds the
     *     engine
     */
    public Taken localStep(Shard shard, int[] rows) {
        requireRows("localStep", shard, rows);
        int tasks = tasks();
        double[] losses = new double[tasks];
        Arrays.fill(losses, Double.NaN);
        if (rows.length == 0) {
            return new Taken(losses, losses.clone(), new int[tasks]);
        }
        try (NDManager manager = fit.newSubManager();
                FitLock.Held held = acquire()) {
            update.zeroGradients();
            Batch batch = shard.split.batch(manager, rows);
            TrainingStep.Outcome outcome = step.run(batch, manager);
            double[] values = hostDoubles(outcome.losses(), manager);
            double[] weights = hostDoubles(outcome.weights(), manager);
            update.apply(manager, batch, update.gather(manager), null, 1f);
            int[] counts = batch.counts().clone();
            for (int t = 0; t < tasks; t++) {
                losses[t] = counts[t] > 0 ? values[t] : Double.NaN;
            }
            return new Taken(losses, weights, counts);
        }
    }

    /**
     * Tells the weighting an epoch ended with these mean training losses per task (DWA reads
     * them), as {@code fit()} does after each epoch.
     */
    public void epochEnded(double[] trainLosses) {
        weigher.epochEnded(trainLosses.clone());
    }

    /** The weighting's state (learned weights, loss history...; empty for a stateless one). */
    public Map<String, double[]> weigherState() {
        return weigher.state();
    }

    /**
     * How replicas' values of each key of {@link #weigherState()} combine (keys not in it: see
     * {@link org.mtl4j.weighting.StateMerge}).
     */
    public Map<String, org.mtl4j.weighting.StateMerge> weigherStateMerging() {
        return weigher.stateMerging();
    }

    /**
     * Sets the weighting's state to {@code state} (from {@link #weigherState()} of a replica of
     * the same model).
     *
     * @throws IllegalArgumentException if the state does not fit the weighting
     */
    public void restoreWeigherState(Map<String, double[]> state) {
        weigher.restore(state);
    }

    /**
     * {@code array}'s values as doubles; a converted copy belongs to {@code step} (the weights a
     * weighting returns may live in its long-lived manager, where a copy per step would pile up).
     */
    private static double[] hostDoubles(NDArray array, NDManager step) {
        NDArray wide = array.toType(DataType.FLOAT64, false);
        if (wide != array) {
            wide.attach(step);
        }
        return wide.toDoubleArray();
    }

    /** How many tasks the model has. */
    public int tasks() {
        return parts.spec().taskNames().size();
    }

    private FitLock.Held acquire() {
        FitLock.Held held = FitLock.acquire(running, waiting -> {});
        if (held == null) {
            throw new IllegalStateException("A replica's step was interrupted while it waited"
                    + " for another fit in this JVM to end.");
        }
        return held;
    }

    private void requireCombinable() {
        if (weigher.usesTrunkOutput()) {
            throw onTrunkOutput(parts.spec().weighting().toString());
        }
    }

    private void requireFixed(String method) {
        if (taskWeights == null) {
            throw new IllegalStateException(method + "() combines fixed task weights only, and"
                    + " this model's weighting learns them. Received: weighting("
                    + parts.spec().weighting() + "). Use taskShares(...) and"
                    + " weighAndApply(...) for it (see fixedWeights()).");
        }
    }

    private void requireCounts(String method, int[] counts) {
        if (counts.length != tasks()) {
            throw new IllegalArgumentException(method + "() needs one global count per task."
                    + " Received: " + counts.length + " counts for tasks "
                    + parts.spec().taskNames() + ". Pass the replicas' labelled(...) summed.");
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
        for (int i = 0; i < parameters.size(); i++) {
            // in place: a packed parameter keeps its storage in the optimizer's vector
            PackedParameters.overwrite(parameters.get(i).getArray(),
                    Arrays.copyOfRange(values, (int) offsets[i], (int) offsets[i + 1]));
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
