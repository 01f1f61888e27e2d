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
            long total = 0;
            for (String size : context.allGather(Integer.toString(shard.rows()))) {
                total += Long.parseLong(size);
            }
            Lockstep lockstep = new Lockstep(context, step, shard, config,
                    BatchPlan.steps(total, config.batchSize()), replica);
            TrainingHistory history = loaded.history();
            for (int e = 0; e < config.epochs(); e++) {
                history = lockstep.epoch(history.epochs().size() + 1, history);
            }
            lockstep.finish();
            if (replica != 0) {
                return List.<String>of().iterator();
            }
            return List.of(Base64.getEncoder().encodeToString(
                    ModelBytes.of(parts, history))).iterator();
        }
    }

    /** The replicas' shared schedule: local steps, exchanges, the epoch's records. */
    private static final class Lockstep {
        private final BarrierTaskContext context;
        private final ReplicaStep step;
        private final ReplicaStep.Shard shard;
        private final ReplicaConfig config;
        private final int steps;
        private final int replica;
        private final int tasks;
        private int sinceSync;

        Lockstep(BarrierTaskContext context, ReplicaStep step, ReplicaStep.Shard shard,
                ReplicaConfig config, int steps, int replica) {
            this.context = context;
            this.step = step;
            this.shard = shard;
            this.config = config;
            this.steps = steps;
            this.replica = replica;
            this.tasks = step.taskWeights().length;
        }

        TrainingHistory epoch(int epoch, TrainingHistory history) {
            long start = System.nanoTime();
            int[] order = BatchPlan.order(shard.rows(), config.seed(), epoch, replica);
            int[][] rows = new int[steps][];
            float[] counts = new float[steps * tasks];
            for (int s = 0; s < steps; s++) {
                rows[s] = BatchPlan.rows(order, s, steps);
                int[] labelled = step.labelled(shard, rows[s]);
                for (int t = 0; t < tasks; t++) {
                    counts[s * tasks + t] = labelled[t];
                }
            }
            // every step's labelled rows per task, on every replica (shares of the global batch)
            float[][] allCounts = gather(counts);
            float[] globalCounts = Vectors.weightedSum(allCounts, ones(allCounts.length));
            float[] lossSums = new float[steps * tasks];
            for (int s = 0; s < steps; s++) {
                double[] shares = new double[tasks];
                int[] global = new int[tasks];
                for (int t = 0; t < tasks; t++) {
                    global[t] = Math.round(globalCounts[s * tasks + t]);
                    float mine = counts[s * tasks + t];
                    shares[t] = config.syncEvery() == 1
                            ? (global[t] == 0 ? 0 : mine / global[t])
                            : (mine > 0 ? 1 : 0);
                }
                ShardGradient gradient = step.gradient(shard, rows[s], shares);
                for (int t = 0; t < tasks; t++) {
                    if (gradient.counts()[t] > 0) {
                        lossSums[s * tasks + t] =
                                (float) (gradient.losses()[t] * gradient.counts()[t]);
                    }
                }
                if (config.syncEvery() == 1) {
                    float[][] all = gather(gradient.gradient());
                    step.apply(Vectors.weightedSum(all, ones(all.length)), global);
                } else {
                    if (rows[s].length > 0) {
                        step.apply(gradient.gradient(), gradient.counts());
                    }
                    if (++sinceSync == config.syncEvery()) {
                        averageParameters();
                    }
                }
            }
            float[] allLosses = Vectors.weightedSum(gather(lossSums), ones(allCounts.length));
            return record(history, epoch, allLosses, globalCounts, start);
        }

        /** The last parameter averaging of a stage with k > 1 (when steps are left over). */
        void finish() {
            if (config.syncEvery() > 1 && sinceSync > 0) {
                averageParameters();
            }
        }

        /** Every replica takes the average of the replicas' parameters, weighted by shard rows. */
        private void averageParameters() {
            sinceSync = 0;
            float[][] all = gather(step.parameters());
            float[][] sizes = gather(new float[] {shard.rows()});
            double total = 0;
            for (float[] size : sizes) {
                total += size[0];
            }
            double[] weights = new double[sizes.length];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = sizes[p][0] / total;
            }
            step.setParameters(Vectors.weightedSum(all, weights));
        }

        private TrainingHistory record(TrainingHistory history, int epoch, float[] lossSums,
                float[] counts, long start) {
            double[] weights = step.taskWeights();
            int first = history.steps().size() + 1;
            List<StepRecord> records = new ArrayList<>();
            double[] epochSums = new double[tasks];
            double[] epochCounts = new double[tasks];
            for (int s = 0; s < steps; s++) {
                double[] losses = new double[tasks];
                for (int t = 0; t < tasks; t++) {
                    float n = counts[s * tasks + t];
                    losses[t] = n > 0 ? lossSums[s * tasks + t] / n : Double.NaN;
                    epochSums[t] += lossSums[s * tasks + t];
                    epochCounts[t] += n;
                }
                records.add(new StepRecord(first + s, epoch, losses, weights,
                        config.learningRate()));
            }
            List<TaskEpoch> taskEpochs = new ArrayList<>();
            List<String> names = history.tasks();
            for (int t = 0; t < tasks; t++) {
                taskEpochs.add(new TaskEpoch(names.get(t),
                        epochCounts[t] > 0 ? epochSums[t] / epochCounts[t] : Double.NaN,
                        Double.NaN, weights[t], Map.of()));
            }
            return history.plus(records, new EpochRecord(epoch, taskEpochs,
                    (System.nanoTime() - start) / 1e9, config.learningRate()));
        }

        private float[][] gather(float[] values) {
            String[] messages = context.allGather(Vectors.encode(values));
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
