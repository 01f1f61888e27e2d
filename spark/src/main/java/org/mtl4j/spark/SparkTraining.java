package org.mtl4j.spark;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.data.Split;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.train.EngineSetup;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.ReplicaStep;
import org.mtl4j.train.TrainingDivergedException;
import org.mtl4j.train.TrainingHistory;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import tech.tablesaw.api.Table;

/**
 * Trains a mtl4j model on a Spark DataFrame with data-parallel replicas, one per partition, in a
 * barrier stage (all replicas run at once and exchange vectors with {@code
 * BarrierTaskContext.allGather}).
 *
 * <p>Example:
 *
 * <pre>{@code
 * MultiTaskModel trained = SparkTraining.of(model)       // model: multiTask()...build()
 *         .syncEvery(1)                                   // exact synchronous training
 *         .fit(df.repartition(4), epochs(5), batchSize(256), adam(1e-3), seed(42));
 * Dataset<Row> scored = SparkPrediction.transform(trained, df.drop("stars"));
 * }</pre>
 *
 * <p>What happens: (1) on the driver, an untrained model's encoders (scaling, levels,
 * vocabularies, classes) are fitted and its network initialised from the DataFrame collected to a
 * Tablesaw table (at most {@link #encoderRows} rows, default 1,000,000: a bigger DataFrame gives
 * a random sample of about that many rows; a class or level absent from the sample is unknown
 * to the model); a model already trained keeps its encoders and parameters and continues; (2)
 * the model file's bytes ({@code model.save}'s format) are broadcast; (3) every partition
 * becomes a replica: it loads the model and its rows, and in every step takes its share of the
 * global batch (see {@link BatchPlan}); with {@code syncEvery(1)} (the default) the replicas'
 * gradients are summed, each shard's weighted by its share of the global batch's labelled rows,
 * which is exactly the gradient of the global batch's mean loss, and every replica applies it
 * with the same optimizer state: synchronous SGD/Adam, the parameters stay identical. For a
 * weighting whose weights are not fixed (uncertainty, DWA, GradNorm, PCGrad, MGDA, CAGrad...)
 * the replicas instead sum every task's loss share and gradient, so each holds the global
 * batch's per-task mean losses and gradients, and each runs the model's own weighting on them
 * (the code {@code fit()} runs, same seed), which gives the update one process would make on the
 * global batch; this exchanges T gradient vectors per step (T tasks) where fixed weights
 * exchange one. With {@code syncEvery(k)}, k &gt; 1, each replica takes k steps on its share
 * alone, with the model's weighting on its own batches (local SGD), then all take the average of
 * the replicas' parameters weighted by shard rows (parameter averaging; each replica keeps the
 * model's own Adam moments and step counts, which are not averaged) and combine the weighting's
 * state (see {@code WeigherStates}): its learned values and loss history, and the weighting's
 * own optimizer moments (uncertainty's or FAMO's Adam on their log-variances or logits) ARE
 * averaged; step counts take the largest, and a weighting declares other rules for its vectors
 * ({@link org.mtl4j.weighting.StateMerge}: STCH's nadir, FAMO's previous losses, random
 * positions). Each averaging carries the parameters and that state: DbMtl's state is T×P
 * doubles (T tasks, P shared parameters) every k steps. Every exchange must fit one {@code
 * allGather} reply (all replicas' messages, Base64, under 2 GiB; see {@code GatherLimit}): a
 * larger one stops the fit with the fix; (4) the first
 * replica's model (the average after a last averaging for k &gt; 1) comes back as a model file and
 * is loaded on the driver, with a history of the epochs (per-step and per-epoch training losses
 * of the global batches; no validation, no metrics).
 *
 * <p>Defaults: {@code syncEvery(1)}, encoders from up to 1,000,000 rows, no checkpoints, the
 * replicas are the DataFrame's partitions (repartition it to choose how many; a barrier stage
 * needs as many free task slots as partitions). Fit options used: {@code epochs}, {@code
 * batchSize} (the global batch), the optimizer, {@code seed}, {@code clipGradientNorm} and
 * {@code threads} (per replica; default 1); others are ignored. Every weighting trains on Spark
 * except, with {@code syncEvery(1)}, those {@code .onTrunkOutput()} (their gradients are per
 * row of the trunk's output: refused at {@code fit}, naming the fix); dropout draws differ
 * between replicas. The replicas
 * exchange gradients and parameters as float32: a model whose fit settings use FLOAT64 is
 * rounded to float32 at every exchange (use {@code model.fit} when float64 precision matters). A non-finite
 * combined gradient or averaged parameters stop the fit with a {@code TrainingDivergedException}
 * naming the epoch, the step and the fix (its {@code run()} is null: the replicas' state stays on
 * the executors).
 */
public final class SparkTraining {

    private final MultiTaskModel model;
    private int syncEvery = 1;
    private int encoderRows = 1_000_000;
    private Path checkpoints;
    private int checkpointEvery;

    private SparkTraining(MultiTaskModel model) {
        this.model = model;
    }

    /** Training of {@code model} (built with {@code multiTask()...build()}, trained or not). */
    public static SparkTraining of(MultiTaskModel model) {
        if (model == null) {
            throw new IllegalArgumentException("SparkTraining.of() needs a model. Received:"
                    + " null. Pass one built with multiTask()...build().");
        }
        return new SparkTraining(model);
    }

    /**
     * 1 (default): average gradients every step (exact synchronous training); k &gt; 1: average
     * parameters every k local steps.
     */
    public SparkTraining syncEvery(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("syncEvery(steps) needs at least 1 step. Received:"
                    + " syncEvery(" + steps + "). Use syncEvery(1) for synchronous training or"
                    + " e.g. syncEvery(4) for parameter averaging.");
        }
        this.syncEvery = steps;
        return this;
    }

    /** The most rows collected to the driver to fit the encoders (default 1,000,000). */
    public SparkTraining encoderRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("encoderRows(rows) needs at least 1 row. Received:"
                    + " encoderRows(" + rows + "). Use e.g. encoderRows(100_000).");
        }
        this.encoderRows = rows;
        return this;
    }

    /**
     * Writes the model to {@code folder/epoch-<n>.mtl4j} (loadable with {@code
     * MultiTaskModel.load}) every {@code epochs} epochs: the fit then runs one barrier stage per
     * {@code epochs} epochs, and each stage starts from the last one's model file (for k &gt; 1,
     * every replica then restarts from the averaged parameters and the first replica's optimizer
     * state).
     */
    public SparkTraining checkpoint(Path folder, int epochs) {
        if (folder == null || epochs < 1) {
            throw new IllegalArgumentException("checkpoint(folder, epochs) needs a folder and at"
                    + " least 1 epoch. Received: checkpoint(" + folder + ", " + epochs + ")."
                    + " Use e.g. checkpoint(Path.of(\"checkpoints\"), 1).");
        }
        this.checkpoints = folder;
        this.checkpointEvery = epochs;
        return this;
    }

    /**
     * Trains on {@code data}'s rows and returns the trained model (a new object; {@code model}
     * itself is left as it was).
     *
     * @throws IllegalArgumentException for bad options ({@code devices(...)} included: the
     *     replicas train on their executors' CPUs), a weighting {@code .onTrunkOutput()} with
     *     {@code syncEvery(1)}, or an unsupported column type
     */
    public MultiTaskModel fit(Dataset<Row> data, FitOption... options) {
        FitSettings settings = FitSettings.of(options);
        if (settings.devices() != null) {
            throw new IllegalArgumentException("SparkTraining trains one replica per executor,"
                    + " on its CPU, and does not split batches across devices. Received: "
                    + settings.devices() + ". Leave devices(...) out here; to split batches"
                    + " across the GPUs of one machine, train with model.fit(table,"
                    + " devices(...)).");
        }
        if (syncEvery == 1) {
            ReplicaStep.requireCombinable(model.spec().weighting());
        }
        Dataset<Row> columns = SparkTables.modelColumns(data, model.spec());
        byte[] start = model.parts().isPresent() ? ModelBytes.of(model)
                : initialModel(columns, model.spec(), settings);
        return ModelBytes.load(fitFrom(columns, start, settings));
    }

    /** Trains from the model file {@code start} on {@code columns}: the trained model file. */
    byte[] fitFrom(Dataset<Row> columns, byte[] start, FitSettings settings) {
        JavaSparkContext context =
                JavaSparkContext.fromSparkContext(columns.sparkSession().sparkContext());
        int stage = checkpoints == null ? settings.epochs() : checkpointEvery;
        byte[] bytes = start;
        int done = 0;
        while (done < settings.epochs()) {
            int epochs = Math.min(stage, settings.epochs() - done);
            bytes = stage(context, columns, bytes, ReplicaConfig.of(settings, epochs, syncEvery));
            done += epochs;
            if (checkpoints != null) {
                writeCheckpoint(bytes);
            }
        }
        return bytes;
    }

    /** Encoders fitted and the network initialised on the driver, as a model file. */
    byte[] initialModel(Dataset<Row> columns, ModelSpec spec, FitSettings settings) {
        long rows = columns.count();
        Dataset<Row> sample = rows <= encoderRows ? columns
                : columns.sample(false, Math.min(1.0, 1.1 * encoderRows / rows), settings.seed())
                        .limit(encoderRows);
        List<Row> collected = sample.collectAsList();
        Table table = SparkTables.toTable(columns.schema(), collected.iterator(), "encoders");
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("The DataFrame has no rows. SparkTraining.fit()"
                    + " needs rows with the input and label columns.");
        }
        int[] all = Split.allRows(table.rowCount());
        EngineSetup.prepare(settings);
        try (ModelParts parts = ModelParts.create(spec, table, all, Device.cpu(),
                settings.dataType())) {
            return ModelBytes.of(parts, TrainingHistory.empty(spec.taskNames()));
        }
    }

    /** One barrier stage of {@code config.epochs()} epochs: the trained model file's bytes. */
    private static byte[] stage(JavaSparkContext context, Dataset<Row> columns, byte[] bytes,
            ReplicaConfig config) {
        Broadcast<byte[]> model = context.broadcast(bytes);
        try {
            ReplicaTask task = new ReplicaTask(model, columns.schema(), config);
            ClassTag<String> strings = ClassTag$.MODULE$.apply(String.class);
            Object[] results;
            try {
                results = (Object[]) columns.rdd().barrier().mapPartitions(
                        new ReplicaFunction(task), false, strings).collect();
            } catch (Exception failed) { // SparkException, undeclared by Scala
                TrainingDivergedException diverged = diverged(failed);
                if (diverged != null) {
                    throw diverged;
                }
                throw failed;
            }
            if (results.length != 1) {
                throw new IllegalStateException("A Spark fit expected the trained model from"
                        + " its first replica. Received: " + results.length + " results.");
            }
            return Base64.getDecoder().decode((String) results[0]);
        } finally {
            model.destroy();
        }
    }

    /**
     * A replica's {@link TrainingDivergedException} as the driver's (Spark wraps a task's
     * exception in its own, or passes only its text); null for any other failure.
     */
    static TrainingDivergedException diverged(Exception failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            String text = cause.getMessage();
            int at = text == null ? -1 : text.indexOf("Training diverged on Spark");
            if (cause instanceof TrainingDivergedException || at >= 0) {
                int end = text.indexOf('\n', at);
                return new TrainingDivergedException(
                        end < 0 ? text.substring(at) : text.substring(at, end), null);
            }
        }
        return null;
    }

    private void writeCheckpoint(byte[] bytes) {
        try (MultiTaskModel trained = ModelBytes.load(bytes)) {
            int epoch = trained.history().epochs().size();
            Files.createDirectories(checkpoints);
            Files.write(checkpoints.resolve("epoch-" + epoch + ".mtl4j"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a checkpoint to " + checkpoints, e);
        }
    }

    /** The replica as the Scala function a barrier RDD maps partitions with. */
    private static final class ReplicaFunction
            extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Row>,
                    scala.collection.Iterator<String>>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final ReplicaTask task;

        ReplicaFunction(ReplicaTask task) {
            this.task = task;
        }

        @Override
        public scala.collection.Iterator<String> apply(scala.collection.Iterator<Row> rows) {
            return CollectionConverters.asScala(task.run(CollectionConverters.asJava(rows)));
        }
    }
}
