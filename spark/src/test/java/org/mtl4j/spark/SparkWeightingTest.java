package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.ReplicaStep;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * Weightings whose weights are not fixed train on local[2] like one process: with syncEvery(1)
 * the parameters, step losses and task weights equal those of fit()'s step (the model's own
 * weighting) on the same global batches; with syncEvery(k) the model still learns.
 */
class SparkWeightingTest {

    /** Measured here: at most 6e-8 (the test prints it). */
    static final double TOLERANCE = 1e-5;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkFixture.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Stream<Arguments> weightings() {
        return Stream.of(
                Arguments.of("uncertainty", uncertainty(), false),
                Arguments.of("dwa", dwa(), false),
                Arguments.of("gradNorm", gradNorm(1.5).withLearningRate(0.05), false),
                Arguments.of("pcgrad", pcgrad(), false),
                Arguments.of("mgda", mgda(), false),
                Arguments.of("cagrad", cagrad(), false),
                Arguments.of("uncertainty, c labelled on the first partition only",
                        uncertainty(), true),
                Arguments.of("pcgrad, c labelled on the first partition only", pcgrad(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightings")
    void synchronousTrainingMatchesOneProcessOnTheSameGlobalBatches(String name,
            Weighting weighting, boolean firstPartitionOnly) {
        // GIVEN 199 rows in 2 partitions (99 + 100); task c misses every seventh label, or
        // (partial case) all labels of the second partition
        Dataset<Row> data = SparkFixture.data(spark, 199);
        if (firstPartitionOnly) {
            data = data.withColumn("c", functions.when(
                    functions.monotonically_increasing_id().lt(1L << 33), data.col("c")));
        }
        ModelSpec spec = model(weighting).spec();
        SparkTraining training = SparkTraining.of(model(weighting)).syncEvery(1);
        FitSettings settings = FitSettings.of(epochs(3), batchSize(100), adam(1e-2), seed(7),
                quiet());
        Dataset<Row> columns = SparkTables.modelColumns(data, spec);
        byte[] start = training.initialModel(columns, spec, settings);

        // WHEN two replicas train 3 epochs of 2 global batches with exact synchronous steps
        byte[] trained = training.fitFrom(columns, start, settings);

        // THEN one process taking fit()'s step (the same weighting code) on each global batch
        // (the union of the replicas' shares), from the same start, reaches the same parameters
        List<List<Row>> partitions = columns.rdd().toJavaRDD().glom().collect();
        if (firstPartitionOnly) {
            assertThat(partitions.get(1)).allSatisfy(row -> assertThat(row.isNullAt(
                    row.fieldIndex("c"))).isTrue());
        }
        Table all = SparkTables.toTable(columns.schema(), columns.collectAsList().iterator(),
                "all");
        Reference reference = reference(start, all, new int[] {partitions.get(0).size(),
                partitions.get(1).size()}, settings);
        float[] distributed = parameters(trained, settings);
        float[] initial = parameters(start, settings);
        double difference = largestDifference(reference.parameters(), distributed);
        System.out.printf("%s: largest parameter difference, Spark vs one process %.2e%n", name,
                difference);
        assertThat(largestDifference(reference.parameters(), initial))
                .as("training moved the parameters").isGreaterThan(0.01);
        assertThat(difference).as(name + ": distributed vs one process").isLessThan(TOLERANCE);

        // and the history holds the global batches' losses and the weights the weighting used
        try (MultiTaskModel model = ModelBytes.load(trained)) {
            TrainingHistory history = model.history();
            assertThat(history.steps()).hasSize(3 * 2);
            for (int s = 0; s < history.steps().size(); s++) {
                StepRecord step = history.steps().get(s);
                for (int t = 0; t < 2; t++) {
                    assertThat(step.weight(t)).as("step %d weight %d", s, t)
                            .isCloseTo(reference.weights()[s][t], org.assertj.core.data.Offset
                                    .offset(1e-4));
                    assertThat(step.loss(t)).as("step %d loss %d", s, t)
                            .isCloseTo(reference.losses()[s][t], org.assertj.core.data.Offset
                                    .offset(1e-4));
                }
            }
        }
    }

    /** What one process did: its parameters, and per step the losses and weights. */
    private record Reference(float[] parameters, double[][] losses, double[][] weights) {}

    /**
     * One process: fit()'s step with the model's weighting ({@link ReplicaStep#localStep}) on
     * the global batches of {@link BatchPlan}, and the epochs' mean losses told to the weighting
     * as fit() tells them.
     */
    private static Reference reference(byte[] start, Table all, int[] shardRows,
            FitSettings settings) {
        ModelFile.Loaded loaded = ModelBytes.read(start);
        try (ModelParts parts = loaded.parts();
                ReplicaStep replica = ReplicaStep.open(parts, settings)) {
            ReplicaStep.Shard shard = replica.upload(all);
            int steps = BatchPlan.steps(all.rowCount(), settings.batchSize());
            double[][] losses = new double[settings.epochs() * steps][];
            double[][] weights = new double[losses.length][];
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                int[][][] runs = new int[shardRows.length][][];
                for (int p = 0; p < runs.length; p++) {
                    runs[p] = BatchPlan.runs(BatchPlan.order(shardRows[p], settings.seed(),
                            epoch, p), p, shardRows, steps);
                }
                double[] sums = new double[2];
                double[] rows = new double[2];
                for (int s = 0; s < steps; s++) {
                    int[] batch = new int[0];
                    int offset = 0;
                    for (int p = 0; p < runs.length; p++) {
                        int[] part = runs[p][s];
                        int[] joined = Arrays.copyOf(batch, batch.length + part.length);
                        for (int i = 0; i < part.length; i++) {
                            joined[batch.length + i] = part[i] + offset;
                        }
                        batch = joined;
                        offset += shardRows[p];
                    }
                    ReplicaStep.Taken taken = replica.localStep(shard, batch);
                    int index = (epoch - 1) * steps + s;
                    losses[index] = taken.losses();
                    weights[index] = taken.weights();
                    for (int t = 0; t < 2; t++) {
                        if (taken.counts()[t] > 0) {
                            sums[t] += taken.losses()[t] * taken.counts()[t];
                            rows[t] += taken.counts()[t];
                        }
                    }
                }
                replica.epochEnded(new double[] {sums[0] / rows[0], sums[1] / rows[1]});
            }
            return new Reference(replica.parameters(), losses, weights);
        }
    }

    @Test
    void parameterAveragingWithUncertaintyLearnsAndAveragesTheLogVariances() {
        // GIVEN 400 rows in 2 partitions and uncertainty weighting (log-variances from -0.5)
        Dataset<Row> data = SparkFixture.data(spark, 400);

        // WHEN each replica takes 4 local steps with its own weighting between averagings, 4
        // epochs of 20 global batches
        try (MultiTaskModel model = SparkTraining.of(model(uncertainty())).syncEvery(4)
                .fit(data, epochs(4), batchSize(20), adam(3e-2), seed(3))) {

            // THEN the regression task's training loss is low, the classification task's well
            // below log 2, and the weights moved from their start (0.5·e^0.5 ≈ 0.82)
            TrainingHistory history = model.history();
            double first = history.epochs().get(0).task("y").trainLoss();
            double last = history.lastEpoch().task("y").trainLoss();
            double c = history.lastEpoch().task("c").trainLoss();
            double[] logVariances = model.parts().orElseThrow().weigherState()
                    .get("logVariances");
            System.out.printf("k=4, uncertainty: y loss %.4f -> %.4f, c loss %.4f,"
                    + " log-variances %s, last weights %.3f %.3f%n", first, last, c,
                    Arrays.toString(logVariances), history.lastEpoch().task("y").weight(),
                    history.lastEpoch().task("c").weight());
            assertThat(last).isLessThan(0.05).isLessThan(first / 5);
            assertThat(c).isLessThan(0.3);
            assertThat(logVariances).hasSize(2);
            for (int t = 0; t < 2; t++) {
                assertThat(Math.abs(logVariances[t] + 0.5)).isGreaterThan(0.05);
            }
            assertThat(history.lastEpoch().task("y").weight())
                    .isNotCloseTo(0.5 * Math.exp(0.5), org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @ParameterizedTest(name = "replica {0} without rows")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1})
    void parameterAveragingKeepsTheWeightingsMomentsWhenAReplicaHasNoRows(int idle) {
        // GIVEN a fresh model with uncertainty weighting and 2 partitions, one of them empty:
        // that replica never steps, so its weighting has no optimizer moments
        int busy = 1 - idle;
        List<Row> rows = SparkFixture.data(spark, 200).collectAsList();
        org.apache.spark.api.java.JavaRDD<Row> placed = org.apache.spark.api.java.JavaSparkContext
                .fromSparkContext(spark.sparkContext()).parallelize(rows, 2)
                .mapToPair(row -> new scala.Tuple2<>(busy, row))
                .partitionBy(new org.apache.spark.HashPartitioner(2)).values();
        Dataset<Row> data = spark.createDataFrame(placed, SparkFixture.SCHEMA);
        assertThat(data.javaRDD().glom().map(List::size).collect()).containsExactly(
                idle == 0 ? 0 : 200, idle == 0 ? 200 : 0);

        // WHEN it trains with parameter averaging every 4 steps
        try (MultiTaskModel model = SparkTraining.of(model(uncertainty())).syncEvery(4)
                .fit(data, epochs(2), batchSize(20), adam(3e-2), seed(3))) {

            // THEN the fit ends and the log-variances' Adam moments went on across the
            // averagings: their update count is every step the replica with rows took
            java.util.Map<String, double[]> state = model.parts().orElseThrow().weigherState();
            assertThat(state).containsKeys("logVariances", "optimizer.means",
                    "optimizer.variances", "optimizer.counts");
            assertThat(state.get("optimizer.counts")[0])
                    .isEqualTo(model.history().steps().size());
            assertThat(model.history().steps()).hasSize(2 * 10);
        }
    }

    @Test
    void parameterAveragingTrainsAWeightingOnTheTrunkOutput() {
        // GIVEN 200 rows in 2 partitions and MGDA on the trunk's output (refused for k = 1)
        Dataset<Row> data = SparkFixture.data(spark, 200);

        // WHEN each replica takes 2 local steps with it between averagings, 2 epochs
        try (MultiTaskModel model = SparkTraining.of(model(mgda().onTrunkOutput())).syncEvery(2)
                .fit(data, epochs(2), batchSize(25), adam(3e-2), seed(3))) {

            // THEN every step has finite losses and MGDA's weights (summing to 1), and the
            // regression task's loss fell
            TrainingHistory history = model.history();
            assertThat(history.steps()).hasSize(2 * 8).allSatisfy(step -> {
                assertThat(step.loss(0)).isFinite();
                assertThat(step.weight(0) + step.weight(1)).isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-4));
            });
            assertThat(history.lastEpoch().task("y").trainLoss())
                    .isLessThan(history.epochs().get(0).task("y").trainLoss());
        }
    }

    private static MultiTaskModel model(Weighting weighting) {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy())
                .weighting(weighting)
                .build();
    }

    private static float[] parameters(byte[] modelFile, FitSettings settings) {
        ModelFile.Loaded loaded = ModelBytes.read(modelFile);
        try (ModelParts parts = loaded.parts();
                ReplicaStep replica = ReplicaStep.open(parts, settings)) {
            return replica.parameters();
        }
    }

    private static double largestDifference(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }
}
