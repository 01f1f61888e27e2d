package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.ReplicaStep;
import org.mtl4j.train.ShardGradient;
import org.mtl4j.train.TrainingHistory;
import tech.tablesaw.api.Table;

/** Training on local[2]: two replicas in a barrier stage (one Spark session for the class). */
class SparkTrainingTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkFixture.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void synchronousTrainingMatchesOneProcessOnTheSameGlobalBatches() {
        // GIVEN 199 rows in 2 partitions (99 + 100), partly missing labels of task c
        Dataset<Row> data = SparkFixture.data(spark, 199);
        SparkTraining training = SparkTraining.of(SparkFixture.model()).syncEvery(1);
        FitSettings settings = FitSettings.of(epochs(2), batchSize(50), sgd(0.1), seed(7),
                quiet());
        Dataset<Row> columns = SparkTables.modelColumns(data, SparkFixture.model().spec());
        byte[] start = training.initialModel(columns, SparkFixture.model().spec(), settings);

        // WHEN two replicas train with gradient averaging every step
        byte[] trained = training.fitFrom(columns, start, settings);

        // THEN one process, one backward per global batch (the union of the replicas' shares),
        // from the same start, reaches the same parameters
        List<Row> partition0 = columns.rdd().toJavaRDD().glom().collect().get(0);
        Table all = SparkTables.toTable(columns.schema(), columns.collectAsList().iterator(),
                "all");
        float[] reference = reference(start, all, new int[] {partition0.size(),
                all.rowCount() - partition0.size()}, settings);
        float[] distributed = parameters(trained, settings);
        float[] initial = parameters(start, settings);
        assertThat(distributed).hasSameSizeAs(reference);
        double moved = 0;
        double largestDifference = 0;
        for (int i = 0; i < reference.length; i++) {
            moved = Math.max(moved, Math.abs(reference[i] - initial[i]));
            largestDifference = Math.max(largestDifference,
                    Math.abs(reference[i] - distributed[i]));
        }
        assertThat(moved).as("training moved the parameters").isGreaterThan(0.05);
        assertThat(largestDifference).as("distributed vs one process").isLessThan(1e-4);

        // and the driver holds the model with a history of 2 epochs of 4 global batches
        try (MultiTaskModel model = ModelBytes.load(trained)) {
            assertThat(model.history().epochs()).hasSize(2);
            assertThat(model.history().steps()).hasSize(2 * 4);
            assertThat(model.history().lastEpoch().epoch()).isEqualTo(2);
        }
    }

    /** The reference: the global batches of {@link BatchPlan} on one replica holding all rows. */
    private static float[] reference(byte[] start, Table all, int[] shardRows,
            FitSettings settings) {
        ModelFile.Loaded loaded = ModelBytes.read(start);
        try (var parts = loaded.parts(); ReplicaStep replica = ReplicaStep.open(parts, settings)) {
            ReplicaStep.Shard shard = replica.upload(all);
            int steps = BatchPlan.steps(all.rowCount(), settings.batchSize());
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                int[][][] runs = new int[shardRows.length][][];
                for (int p = 0; p < runs.length; p++) {
                    runs[p] = BatchPlan.runs(BatchPlan.order(shardRows[p], settings.seed(),
                            epoch, p), p, shardRows, steps);
                }
                for (int s = 0; s < steps; s++) {
                    int[] rows = new int[0];
                    int offset = 0;
                    for (int p = 0; p < runs.length; p++) {
                        int[] part = runs[p][s];
                        int[] joined = java.util.Arrays.copyOf(rows, rows.length + part.length);
                        for (int i = 0; i < part.length; i++) {
                            joined[rows.length + i] = part[i] + offset;
                        }
                        rows = joined;
                        offset += shardRows[p];
                    }
                    ShardGradient g = replica.gradient(shard, rows, new double[] {1, 1});
                    replica.apply(g.gradient(), g.counts());
                }
            }
            return replica.parameters();
        }
    }

    private static float[] parameters(byte[] modelFile, FitSettings settings) {
        ModelFile.Loaded loaded = ModelBytes.read(modelFile);
        try (var parts = loaded.parts(); ReplicaStep replica = ReplicaStep.open(parts, settings)) {
            return replica.parameters();
        }
    }

    @Test
    void partitionsSmallerThanTheStepCountFillEveryGlobalBatch() {
        // GIVEN 6 rows in 2 partitions of 3 and batchSize(1): 6 global batches of 1 row
        Dataset<Row> data = SparkFixture.data(spark, 6);

        // WHEN two replicas train one epoch with gradient averaging
        try (MultiTaskModel trained = SparkTraining.of(SparkFixture.model())
                .fit(data, epochs(1), batchSize(1), sgd(0.01), seed(4))) {

            // THEN every step had a row: 6 steps, each with a finite loss of task y (labelled on
            // every row), none recorded for an empty batch
            TrainingHistory history = trained.history();
            assertThat(history.steps()).hasSize(6);
            assertThat(history.steps()).allSatisfy(
                    step -> assertThat(step.loss(0)).isFinite());
        }
    }

    @Test
    void aDivergingFitStopsWithTheEpochStepAndFix() {
        // GIVEN 100 rows in 2 partitions and a learning rate that overflows the parameters
        Dataset<Row> data = SparkFixture.data(spark, 100);

        // WHEN two replicas train with gradient averaging; THEN the fit stops like fit() does
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkTraining.of(
                        SparkFixture.model()).fit(data, epochs(2), batchSize(25), sgd(1e38),
                        seed(1)))
                .isInstanceOf(org.mtl4j.train.TrainingDivergedException.class)
                .hasMessageStartingWith("Training diverged on Spark at epoch 1, step ")
                .hasMessageContaining(": the replicas' combined gradient is not finite (value ")
                .hasMessageEndingWith(" The fit stopped; the model passed to SparkTraining.fit()"
                        + " is unchanged. Lower the learning rate (this fit used 1.0E38), clip"
                        + " gradients with clipGradientNorm(1.0), or check labels and inputs for"
                        + " extreme values.");
    }

    @Test
    void aDivergingParameterAveragingStopsAtTheAveraging() {
        // GIVEN 100 rows in 2 partitions and a learning rate that overflows the parameters
        Dataset<Row> data = SparkFixture.data(spark, 100);

        // WHEN the replicas average parameters every 2 steps; THEN the first averaging that
        // holds non-finite values stops the fit
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkTraining.of(
                        SparkFixture.model()).syncEvery(2).fit(data, epochs(2), batchSize(25),
                        sgd(1e38), seed(1)))
                .isInstanceOf(org.mtl4j.train.TrainingDivergedException.class)
                .hasMessageStartingWith("Training diverged on Spark at epoch 1, step ")
                .hasMessageContaining(" of 4: the averaged parameters are not finite (value ");
    }

    @Test
    void parameterAveragingEveryFourStepsReachesALowLoss(@TempDir Path folder) throws Exception {
        // GIVEN 400 rows in 2 partitions
        Dataset<Row> data = SparkFixture.data(spark, 400);

        // WHEN each replica takes 4 local steps (of about 10 rows) between averagings, 4 epochs of
        // 20 global batches, with a checkpoint every 2 epochs
        MultiTaskModel model = SparkTraining.of(SparkFixture.model()).syncEvery(4)
                .checkpoint(folder, 2)
                .fit(data, epochs(4), batchSize(20), adam(3e-2), seed(3));

        // THEN the regression task's training loss (in standard deviations², from about 1) is
        // low, and the classification task's is well below log 2
        TrainingHistory history = model.history();
        assertThat(history.epochs()).hasSize(4);
        double first = history.epochs().get(0).task("y").trainLoss();
        double last = history.lastEpoch().task("y").trainLoss();
        System.out.printf("k=4: y loss %.4f -> %.4f, c loss %.4f -> %.4f%n", first, last,
                history.epochs().get(0).task("c").trainLoss(),
                history.lastEpoch().task("c").trainLoss());
        assertThat(last).isLessThan(0.05).isLessThan(first / 5);
        assertThat(history.lastEpoch().task("c").trainLoss()).isLessThan(0.3);
        // and the checkpoints are model files of 2 and 4 epochs
        try (MultiTaskModel checkpoint = MultiTaskModel.load(folder.resolve("epoch-2.mtl4j"))) {
            assertThat(checkpoint.history().epochs()).hasSize(2);
        }
        assertThat(Files.exists(folder.resolve("epoch-4.mtl4j"))).isTrue();
        model.close();
    }

    @Test
    void aTrainedModelContinuesAndAnEmptyPartitionTakesPart() {
        // GIVEN a model trained one epoch by fit(), and a DataFrame whose second partition is
        // empty (rows 0..74 of the first partition only)
        Dataset<Row> all = SparkFixture.data(spark, 150);
        Table table = SparkTables.toTable(all.schema(), all.collectAsList().iterator(), "t");
        try (MultiTaskModel model = SparkFixture.model()) {
            model.fit(table, epochs(1), batchSize(25), adam(1e-2), seed(2), quiet());
            Dataset<Row> half = all.filter(
                    org.apache.spark.sql.functions.monotonically_increasing_id().lt(1L << 33));
            assertThat(half.rdd().toJavaRDD().glom().collect().get(1)).isEmpty();

            // WHEN Spark trains it one more epoch (parameter averaging every 2 steps)
            try (MultiTaskModel trained = SparkTraining.of(model).syncEvery(2)
                    .fit(half, epochs(1), batchSize(25), adam(1e-2), seed(2))) {

                // THEN the history goes on (epoch 2, 3 more global batches of the 75 rows), the
                // losses are finite and the parameters moved; the model passed in is unchanged
                TrainingHistory history = trained.history();
                assertThat(history.epochs()).hasSize(2);
                assertThat(history.lastEpoch().epoch()).isEqualTo(2);
                assertThat(history.steps()).hasSize(6 + 3);
                assertThat(history.lastEpoch().task("y").trainLoss()).isFinite();
                assertThat(model.history().epochs()).hasSize(1);
                FitSettings settings = FitSettings.of(quiet());
                float[] before = parameters(ModelBytes.of(model), settings);
                float[] after = parameters(ModelBytes.of(trained), settings);
                assertThat(after).isNotEqualTo(before);
            }
        }
    }
}
