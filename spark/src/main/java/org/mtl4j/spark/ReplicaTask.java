package org.mtl4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mtl4j.model.ModelParts;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.train.EngineSetup;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.ReplicaStep;
import org.mtl4j.train.ShardGradient;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TaskShares;
import org.mtl4j.train.TrainingDivergedException;
import org.mtl4j.train.TrainingHistory;
import tech.tablesaw.api.Table;

/**
 * One replica of a Spark fit, run by every task of a barrier stage on its partition: loads the
 * broadcast model, trains {@code config.epochs()} epochs in lock step with the other replicas
 * (see {@link SparkTraining}) and, on the first replica, returns the trained model file's bytes
 * (Base64) with the epochs' history inside; the other replicas return nothing.
 */
final class ReplicaTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final StructType schema;
    private final ReplicaConfig config;

    ReplicaTask(Broadcast<byte[]> model, StructType schema, ReplicaConfig config) {
        this.model = model;
        this.schema = schema;
        this.config = config;
    }

    Iterator<String> run(Iterator<Row> rows) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int replica = context.partitionId();
        Table table = SparkTables.toTable(schema, rows, "shard " + replica);
        FitSettings settings = config.settings();
        EngineSetup.prepare(settings);
        ModelFile.Loaded loaded = ModelBytes.read(model.value());
        try (ModelParts parts = loaded.parts();
                ReplicaStep step = ReplicaStep.open(parts, settings)) {
            ReplicaStep.Shard shard = step.upload(table);
            String[] sizes = context.allGather(Integer.toString(shard.rows()));
            int[] shardRows = new int[sizes.length];
            long total = 0;
            for (int p = 0; p < sizes.length; p++) {
                shardRows[p] = Integer.parseInt(sizes[p]);
                total += shardRows[p];
            }
            Lockstep lockstep = new Lockstep(context, step, shard, config,
                    BatchPlan.steps(total, config.batchSize()), replica, shardRows);
            TrainingHistory history = loaded.history();
            int firstEpoch = history.epochs().size() + 1;
            for (int e = 0; e < config.epochs(); e++) {
                history = lockstep.epoch(firstEpoch + e, history);
            }
            history = lockstep.finish(history);
            if (replica != 0) {
                return List.<String>of().iterator();
            }
            return List.of(Base64.getEncoder().encodeToString(
                    ModelBytes.of(parts, history))).iterator();
        }
    }

    /** The text of a Spark fit's divergence: what, where, and the fix. */
    static String divergedMessage(String what, float value, int index, int epoch, int step,
            int steps, double learningRate) {
        return "Training diverged on Spark at epoch " + epoch + ", step " + step + " of " + steps
                + ": " + what + " not finite (value " + value + " at index " + index + ")."
                + " The fit stopped; the model passed to SparkTraining.fit() is unchanged. Lower"
                + " the learning rate (this fit used " + learningRate + "), clip gradients with"
                + " clipGradientNorm(1.0), or check labels and inputs for extreme values.";
    }

    /**
     * The replicas' shared schedule: local steps and exchanges. Every exchange costs a barrier
     * (Spark's barrier tasks poll for its end once a second), so they are few: per epoch one that
     * carries the epoch's labelled counts per step and the previous epoch's loss sums (and, for a
     * weighting whose weights are not fixed, its weight sums), then one per step (k = 1: the
     * combined gradient for fixed weights, or every task's loss share and gradient for other
     * weightings) or per k steps (k &gt; 1: parameters with shard sizes, and the weighting's
     * state), and one at the end of the stage (the last epoch's losses).
     */
    private static final class Lockstep {
        private final BarrierTaskContext context;
        private final ReplicaStep step;
        private final ReplicaStep.Shard shard;
        private final ReplicaConfig config;
        private final int steps;
        private final int replica;
        private final int tasks;
        private final int[] shardRows;
        /** Whether the weighting's weights are fixed (the cheap, one-gradient path). */
        private final boolean fixed;
        private int sinceSync;
        /** The epoch waiting for its losses: number, global counts, payload, start. */
        private int pendingEpoch;
        private float[] pendingCounts;
        private float[] pendingPayload;
        private double pendingSeconds;

        Lockstep(BarrierTaskContext context, ReplicaStep step, ReplicaStep.Shard shard,
                ReplicaConfig config, int steps, int replica, int[] shardRows) {
            this.shardRows = shardRows;
            this.context = context;
            this.step = step;
            this.shard = shard;
            this.config = config;
            this.steps = steps;
            this.replica = replica;
            this.fixed = step.fixedWeights();
            this.tasks = step.tasks();
        }

        /**
         * Per epoch, what each replica sends for the history: loss sums (steps × tasks) and, for a
         * weighting whose weights are not fixed, weight sums (steps × tasks) and how many
         * replicas weighed each step (steps).
         */
        private int payloadSize() {
            int cells = steps * tasks;
            return fixed ? cells : 2 * cells + steps;
        }

        TrainingHistory epoch(int epoch, TrainingHistory history) {
            long start = System.nanoTime();
            int[] order = BatchPlan.order(shard.rows(), config.seed(), epoch, replica);
            int[][] rows = BatchPlan.runs(order, replica, shardRows, steps);
            int cells = steps * tasks;
            float[] message = new float[cells + (pendingPayload == null ? 0 : payloadSize())];
            for (int s = 0; s < steps; s++) {
                int[] labelled = step.labelled(shard, rows[s]);
                for (int t = 0; t < tasks; t++) {
                    message[s * tasks + t] = labelled[t];
                }
            }
            if (pendingPayload != null) {
                System.arraycopy(pendingPayload, 0, message, cells, pendingPayload.length);
            }
            // every step's labelled rows per task on every replica (shares of the global batch),
            // and the previous epoch's loss (and weight) sums
            float[][] all = gather(message);
            float[] summed = Vectors.weightedSum(all, ones(all.length));
            float[] counts = Arrays.copyOfRange(message, 0, cells);
            float[] globalCounts = Arrays.copyOfRange(summed, 0, cells);
            if (pendingPayload != null) {
                history = record(history, Arrays.copyOfRange(summed, cells,
                        cells + payloadSize()));
            }
            float[] payload = new float[payloadSize()];
            // the epoch's mean training losses the weighting hears of (DWA): the global batches'
            // for k = 1, the replica's own for k > 1
            double[] epochSums = new double[tasks];
            double[] epochRows = new double[tasks];
            for (int s = 0; s < steps; s++) {
                int[] global = new int[tasks];
                for (int t = 0; t < tasks; t++) {
                    global[t] = Math.round(globalCounts[s * tasks + t]);
                }
                if (config.syncEvery() > 1) {
                    localStep(rows[s], s, payload, epochSums, epochRows);
                    if (++sinceSync == config.syncEvery()) {
                        averageParameters();
                        requireFinite(step.parameters(), "the averaged parameters are", epoch, s);
                    }
                } else if (fixed) {
                    combinedGradient(rows[s], s, counts, global, payload, epoch);
                } else {
                    combinedWeighting(rows[s], s, global, payload, epochSums, epochRows, epoch);
                }
            }
            if (!fixed) {
                double[] means = new double[tasks];
                for (int t = 0; t < tasks; t++) {
                    means[t] = epochSums[t] / epochRows[t];
                }
                step.epochEnded(means);
            }
            pendingEpoch = epoch;
            pendingCounts = globalCounts;
            pendingPayload = payload;
            pendingSeconds = (System.nanoTime() - start) / 1e9;
            return history;
        }

        /** k = 1, fixed weights: the replicas' share-weighted gradients summed and applied. */
        private void combinedGradient(int[] rows, int s, float[] counts, int[] global,
                float[] payload, int epoch) {
            double[] shares = new double[tasks];
            for (int t = 0; t < tasks; t++) {
                float mine = counts[s * tasks + t];
                shares[t] = global[t] == 0 ? 0 : mine / global[t];
            }
            ShardGradient gradient = step.gradient(shard, rows, shares);
            for (int t = 0; t < tasks; t++) {
                if (gradient.counts()[t] > 0) {
                    payload[s * tasks + t] =
                            (float) (gradient.losses()[t] * gradient.counts()[t]);
                }
            }
            float[][] gradients = gather(gradient.gradient());
            float[] combined = Vectors.weightedSum(gradients, ones(gradients.length));
            requireFinite(combined, "the replicas' combined gradient is", epoch, s);
            if (Arrays.stream(global).sum() > 0) {
                step.apply(combined, global);
            }
        }

        /**
         * k = 1, any other weighting: every task's loss share and gradient summed over the
         * replicas (the global batch's mean losses and gradients), then the model's weighting
         * and the optimizer, the same on every replica.
         */
        private void combinedWeighting(int[] rows, int s, int[] global, float[] payload,
                double[] epochSums, double[] epochRows, int epoch) {
            TaskShares mine = step.taskShares(shard, rows, global);
            for (int t = 0; t < tasks; t++) {
                if (mine.counts()[t] > 0) {
                    payload[s * tasks + t] = mine.loss(t) * global[t];
                }
            }
            float[][] shares = gather(mine.values());
            float[] combined = Vectors.weightedSum(shares, ones(shares.length));
            requireFinite(combined, "the replicas' combined task losses and gradients are",
                    epoch, s);
            if (Arrays.stream(global).sum() == 0) {
                return; // a global batch without labelled rows: no step, as in fit()
            }
            TaskShares batch = new TaskShares(combined, tasks, global);
            double[] weights = step.weighAndApply(batch);
            addWeights(payload, s, weights);
            for (int t = 0; t < tasks; t++) {
                if (global[t] > 0) {
                    epochSums[t] += (double) batch.loss(t) * global[t];
                    epochRows[t] += global[t];
                }
            }
        }

        /** k &gt; 1: the step fit() takes on the replica's own rows, with the weighting. */
        private void localStep(int[] rows, int s, float[] payload, double[] epochSums,
                double[] epochRows) {
            if (rows.length == 0) {
                return;
            }
            ReplicaStep.Taken taken = step.localStep(shard, rows);
            for (int t = 0; t < tasks; t++) {
                int n = taken.counts()[t];
                if (n > 0) {
                    payload[s * tasks + t] = (float) (taken.losses()[t] * n);
                    epochSums[t] += taken.losses()[t] * n;
                    epochRows[t] += n;
                }
            }
            if (!fixed) {
                addWeights(payload, s, taken.weights());
            }
        }

        /** Adds a replica's weights of step {@code s} to the payload's weight sums. */
        private void addWeights(float[] payload, int s, double[] weights) {
            int cells = steps * tasks;
            for (int t = 0; t < tasks; t++) {
                payload[cells + s * tasks + t] = (float) weights[t];
            }
            payload[2 * cells + s] = 1;
        }

        /**
         * The stage's end: for k &gt; 1 a last averaging (when steps are left over), and the last
         * epoch's losses.
         */
        TrainingHistory finish(TrainingHistory history) {
            if (config.syncEvery() > 1 && sinceSync > 0) {
                averageParameters();
                requireFinite(step.parameters(), "the averaged parameters are", pendingEpoch,
                        steps - 1);
            }
            if (pendingPayload == null) {
                return history;
            }
            float[][] all = gather(pendingPayload);
            return record(history, Vectors.weightedSum(all, ones(all.length)));
        }

        /**
         * Every replica takes the average of the replicas' parameters, weighted by shard rows,
         * and (weights not fixed) their weighting's combined state ({@link WeigherStates}).
         */
        private void averageParameters() {
            sinceSync = 0;
            float[] parameters = step.parameters();
            float[] vector = Arrays.copyOf(parameters, parameters.length + 1);
            vector[parameters.length] = shard.rows();
            String state = fixed ? "" : WeigherStates.encode(step.weigherState());
            String message = Vectors.encode(vector) + " " + state;
            GatherLimit.require(message.length(), context.getTaskInfos().length,
                    "parameter averaging (parameters and weighting state)");
            String[] messages = context.allGather(message);
            float[][] all = new float[messages.length][];
            List<Map<String, double[]>> states = new ArrayList<>();
            for (int p = 0; p < messages.length; p++) {
                int space = messages[p].indexOf(' ');
                all[p] = Vectors.decode(messages[p].substring(0, space));
                states.add(WeigherStates.decode(messages[p].substring(space + 1)));
            }
            double total = 0;
            for (float[] values : all) {
                total += values[parameters.length];
            }
            double[] weights = new double[all.length];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = all[p][parameters.length] / total;
            }
            float[] average = Vectors.weightedSum(all, weights);
            step.setParameters(Arrays.copyOf(average, parameters.length));
            if (!fixed && states.stream().anyMatch(each -> !each.isEmpty())) {
                step.restoreWeigherState(WeigherStates.combine(states, weights,
                        step.weigherStateMerging()));
            }
        }

        /** The pending epoch's records, from the replicas' summed loss (and weight) sums. */
        private TrainingHistory record(TrainingHistory history, float[] payload) {
            int cells = steps * tasks;
            double[] fixedWeights = fixed ? step.taskWeights() : null;
            int first = history.steps().size() + 1;
            List<StepRecord> records = new ArrayList<>();
            double[] epochSums = new double[tasks];
            double[] epochCounts = new double[tasks];
            double[] weightSums = new double[tasks];
            int[] weighed = new int[tasks];
            int recorded = 0;
            for (int s = 0; s < steps; s++) {
                double[] losses = new double[tasks];
                boolean empty = true;
                for (int t = 0; t < tasks; t++) {
                    empty &= pendingCounts[s * tasks + t] == 0;
                }
                if (empty) {
                    continue; // a global batch without labelled rows: no step was taken
                }
                double[] weights = new double[tasks];
                for (int t = 0; t < tasks; t++) {
                    float n = pendingCounts[s * tasks + t];
                    losses[t] = n > 0 ? payload[s * tasks + t] / n : Double.NaN;
                    epochSums[t] += payload[s * tasks + t];
                    epochCounts[t] += n;
                    float replicas = fixed ? 0 : payload[2 * cells + s];
                    weights[t] = fixed ? fixedWeights[t]
                            : replicas > 0 ? payload[cells + s * tasks + t] / replicas
                            : Double.NaN;
                    if (Double.isFinite(weights[t])) {
                        weightSums[t] += weights[t];
                        weighed[t]++;
                    }
                }
                records.add(new StepRecord(first + recorded++, pendingEpoch, losses, weights,
                        config.learningRate()));
            }
            List<TaskEpoch> taskEpochs = new ArrayList<>();
            List<String> names = history.tasks();
            for (int t = 0; t < tasks; t++) {
                taskEpochs.add(new TaskEpoch(names.get(t),
                        epochCounts[t] > 0 ? epochSums[t] / epochCounts[t] : Double.NaN,
                        Double.NaN, fixed ? fixedWeights[t] : weightSums[t] / weighed[t],
                        Map.of()));
            }
            pendingPayload = null;
            return history.plus(records, new EpochRecord(pendingEpoch, taskEpochs,
                    pendingSeconds, config.learningRate()));
        }

        /**
         * Stops the fit when {@code values} are not all finite (every replica sees the same
         * combined values, so all stop at the same step).
         *
         * @throws TrainingDivergedException naming the epoch, the step and the fix
         */
        private void requireFinite(float[] values, String what, int epoch, int s) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new TrainingDivergedException(divergedMessage(what, values[i], i,
                            epoch, s + 1, steps, config.learningRate()), null);
                }
            }
        }

        private float[][] gather(float[] values) {
            String message = Vectors.encode(values);
            GatherLimit.require(message.length(), context.getTaskInfos().length,
                    "gradient (or loss)");
            String[] messages = context.allGather(message);
            float[][] all = new float[messages.length][];
            for (int p = 0; p < messages.length; p++) {
                all[p] = Vectors.decode(messages[p]);
            }
            return all;
        }

        private static double[] ones(int n) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            return ones;
        }
    }
}
