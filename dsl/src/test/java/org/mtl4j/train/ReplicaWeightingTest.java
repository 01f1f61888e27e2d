package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every weighting trains on data-parallel replicas like fit() on the whole batch: two shards'
 * {@link ReplicaStep#taskShares}, summed and given to {@link ReplicaStep#weighAndApply}, reach
 * fit()'s parameters; so does {@link ReplicaStep#localStep} on all rows.
 */
class ReplicaWeightingTest {

    /** As {@code DevicesFitTest}: float rounding of summing the shards' shares, over 3 steps. */
    static final double TOLERANCE = 1e-5;

    static Stream<Arguments> weightings() {
        return Stream.of(
                Arguments.of("equal", equal()),
                Arguments.of("uncertainty", uncertainty()),
                Arguments.of("dwa", dwa()),
                Arguments.of("gradNorm", gradNorm(1.5).withLearningRate(0.05)),
                Arguments.of("pcgrad", pcgrad()),
                Arguments.of("mgda", mgda()),
                Arguments.of("cagrad", cagrad()),
                Arguments.of("rlw", rlw()),
                Arguments.of("imtlL", imtlL()),
                Arguments.of("famo", famo()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightings")
    void twoShardsCombinedTrainLikeFitOnTheWholeBatch(String name, Weighting weighting,
            @TempDir Path folder) {
        // GIVEN a model fitted one full-batch epoch and saved (parameters, Adam and weighting
        // state); task c is labelled on 4 of 5 of the first 45 rows only, y on 6 of 7 rows
        Table table = table(120);
        FitOption[] options = {batchSize(120), adam(1e-2), seed(5), quiet()};
        try (MultiTaskModel model = model(weighting)) {
            model.fit(table, ReplicaStepTest.with(options, epochs(1)));
            Path saved = folder.resolve("model.mtl4j");
            model.save(saved);

            // WHEN fit() takes 3 more full-batch epochs; from the saved model, two shards of 50
            // and 70 rows (the second without any label of c) take 3 combined steps; and one
            // replica takes 3 local steps on all rows
            model.fit(table, ReplicaStepTest.with(options, epochs(3)));
            float[] fitted = parameters(saved, model);
            float[] combined = combined(saved, table, options);
            float[] local = local(saved, table, options);

            // THEN all three agree within float tolerance, and training moved the parameters
            double distributed = largestDifference(fitted, combined);
            System.out.printf("%s: largest parameter difference, replicas vs fit() %.2e, local"
                    + " step vs fit() %.2e%n", name, distributed, largestDifference(fitted,
                    local));
            assertThat(distributed).as(name + ": two replicas vs fit()").isLessThan(TOLERANCE);
            assertThat(largestDifference(fitted, local)).as(name + ": localStep vs fit()")
                    .isLessThan(TOLERANCE);
            assertThat(largestDifference(fitted, start(saved, options)))
                    .as("training moved the parameters").isGreaterThan(1e-3);
        }
    }

    static Stream<Arguments> stepsThatWeigh() {
        return Stream.of(
                Arguments.of("equal", equal(), false),
                Arguments.of("weights", weights(Map.of("y", 2.0, "c", 0.5)), false),
                Arguments.of("dwa", dwa(), false),
                Arguments.of("dwa", dwa(), true));
    }

    @ParameterizedTest(name = "{0}, weighAndApply {2}")
    @MethodSource("stepsThatWeigh")
    void aReplicasStepsLeaveNoArraysBehind(String name, Weighting weighting, boolean combined) {
        // GIVEN a replica of a fitted model that took 3 steps (local, or combined shares)
        Table table = table(120);
        FitOption[] options = {batchSize(120), adam(1e-2), seed(5), quiet()};
        try (MultiTaskModel model = model(weighting)) {
            model.fit(table, ReplicaStepTest.with(options, epochs(1)));
            ModelParts parts = model.parts().orElseThrow();
            try (ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(options))) {
                ReplicaStep.Shard shard = replica.upload(table);
                Runnable step = () -> {
                    int[] rows = ReplicaStepTest.range(0, 120);
                    if (combined) {
                        int[] counts = replica.labelled(shard, rows);
                        replica.weighAndApply(replica.taskShares(shard, rows, counts));
                    } else {
                        replica.localStep(shard, rows);
                    }
                };
                for (int s = 0; s < 3; s++) {
                    step.run();
                }
                int after3 = ManagerResources.arrays(parts.manager());

                // WHEN it takes 20 more
                for (int s = 0; s < 20; s++) {
                    step.run();
                }

                // THEN the model's managers (the weighting's included) hold no more arrays
                assertThat(ManagerResources.arrays(parts.manager())).as(name).isEqualTo(after3);
            }
        }
    }

    static Stream<Arguments> declaredMerging() {
        return Stream.of(
                Arguments.of(stch(), Map.of("nadirSum", org.mtl4j.weighting.StateMerge.mean(),
                        "nadirCount", org.mtl4j.weighting.StateMerge.mean())),
                Arguments.of(famo(), Map.of("previous",
                        org.mtl4j.weighting.StateMerge.meanWhere("previousLabelled"),
                        "previousLabelled", org.mtl4j.weighting.StateMerge.largest(),
                        "adam.mean", org.mtl4j.weighting.StateMerge.meanWhere("adam.steps"),
                        "adam.variance", org.mtl4j.weighting.StateMerge.meanWhere("adam.steps"),
                        "adam.steps", org.mtl4j.weighting.StateMerge.largest())),
                Arguments.of(gradNorm(), Map.of(
                        "adam.mean", org.mtl4j.weighting.StateMerge.meanWhere("adam.steps"),
                        "adam.variance", org.mtl4j.weighting.StateMerge.meanWhere("adam.steps"),
                        "adam.steps", org.mtl4j.weighting.StateMerge.largest())),
                Arguments.of(rlw(), Map.of("random", org.mtl4j.weighting.StateMerge.first())),
                Arguments.of(pcgrad(), Map.of("random",
                        org.mtl4j.weighting.StateMerge.first())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declaredMerging")
    void weightingsDeclareHowReplicasCombineTheirState(Weighting weighting,
            Map<String, org.mtl4j.weighting.StateMerge> expected) {
        // GIVEN a replica of a fitted model that took a local step
        Table table = table(120);
        FitOption[] options = {batchSize(60), adam(1e-2), seed(5), quiet()};
        try (MultiTaskModel model = model(weighting)) {
            model.fit(table, ReplicaStepTest.with(options, epochs(1)));
            try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                    FitSettings.of(options))) {
                replica.localStep(replica.upload(table), ReplicaStepTest.range(0, 60));

                // THEN the weighting declares how its sums, flagged values and random
                // positions combine, for keys its state has
                assertThat(replica.weigherStateMerging()).isEqualTo(expected);
                assertThat(replica.weigherState()).containsKeys(
                        expected.keySet().toArray(String[]::new));
            }
        }
    }

    /** Three steps of two replicas: shares summed, then the weighting and the optimizer. */
    private static float[] combined(Path saved, Table table, FitOption[] options) {
        ModelFile.Loaded loaded = ModelFile.read(saved);
        try (ModelParts parts = loaded.parts();
                ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(options))) {
            ReplicaStep.Shard shard = replica.upload(table);
            int[] first = ReplicaStepTest.range(0, 50);
            int[] second = ReplicaStepTest.range(50, 120);
            for (int step = 0; step < 3; step++) {
                int[] a = replica.labelled(shard, first);
                int[] b = replica.labelled(shard, second);
                int[] total = {a[0] + b[0], a[1] + b[1]};
                assertThat(b[1]).as("the second shard has no label of c").isZero();
                float[] one = replica.taskShares(shard, first, total).values();
                float[] two = replica.taskShares(shard, second, total).values();
                float[] sum = new float[one.length];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = one[i] + two[i];
                }
                TaskShares global = new TaskShares(sum, 2, total);
                replica.weighAndApply(global);
                // a full-batch epoch ends: fit() tells the weighting its mean losses (DWA)
                replica.epochEnded(new double[] {global.loss(0), global.loss(1)});
            }
            return replica.parameters();
        }
    }

    /** Three local steps of one replica holding all rows. */
    private static float[] local(Path saved, Table table, FitOption[] options) {
        ModelFile.Loaded loaded = ModelFile.read(saved);
        try (ModelParts parts = loaded.parts();
                ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(options))) {
            ReplicaStep.Shard shard = replica.upload(table);
            for (int step = 0; step < 3; step++) {
                ReplicaStep.Taken taken = replica.localStep(shard, ReplicaStepTest.range(0, 120));
                replica.epochEnded(taken.losses());
            }
            return replica.parameters();
        }
    }

    private static float[] start(Path saved, FitOption[] options) {
        ModelFile.Loaded loaded = ModelFile.read(saved);
        try (ModelParts parts = loaded.parts();
                ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(options))) {
            return replica.parameters();
        }
    }

    private static float[] parameters(Path saved, MultiTaskModel model) {
        try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                FitSettings.of(quiet()))) {
            return replica.parameters();
        }
    }

    @Test
    void aWeightingOnTheTrunkOutputIsRefusedNamingItAndTheFix() {
        String expected = "Exact synchronous training on several replicas combines the tasks'"
                + " gradients of the parameters, but this weighting takes them on the trunk's"
                + " output, row by row, and each replica holds only its own rows. Received:"
                + " weighting(mgda().onTrunkOutput()). Build the model with the strategy on the"
                + " shared parameters (without .onTrunkOutput()), average parameters instead"
                + " with syncEvery(k) for k > 1 (each replica weighs its own batches), or train"
                + " it with model.fit(...) on one machine.";
        assertThatThrownBy(() -> ReplicaStep.requireCombinable(mgda().onTrunkOutput()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
        for (Weighting combinable : new Weighting[] {equal(), weights(Map.of("y", 2.0,
                "c", 1.0)), uncertainty(), dwa(), gradNorm(), pcgrad(), mgda(), cagrad()}) {
            assertThatCode(() -> ReplicaStep.requireCombinable(combinable))
                    .doesNotThrowAnyException();
        }
        // and a replica of such a model refuses its shares with the same text, but takes local
        // steps (parameter averaging)
        Table table = table(40);
        try (MultiTaskModel model = model(mgda().onTrunkOutput())) {
            model.fit(table, epochs(1), quiet());
            try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                    FitSettings.of(quiet()))) {
                ReplicaStep.Shard shard = replica.upload(table);
                assertThat(replica.fixedWeights()).isFalse();
                assertThatThrownBy(() -> replica.taskShares(shard, ReplicaStepTest.range(0, 10),
                        replica.labelled(shard, ReplicaStepTest.range(0, 10))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(expected);
                assertThat(replica.localStep(shard, ReplicaStepTest.range(0, 10)).losses()[0]).isFinite();
            }
        }
    }

    @Test
    void theCheapPathIsForFixedWeightsOnly() {
        Table table = table(40);
        try (MultiTaskModel model = model(uncertainty())) {
            model.fit(table, epochs(1), quiet());
            try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                    FitSettings.of(quiet()))) {
                ReplicaStep.Shard shard = replica.upload(table);
                assertThat(replica.fixedWeights()).isFalse();
                assertThatThrownBy(() -> replica.gradient(shard, ReplicaStepTest.range(0, 4),
                        new double[] {1, 1}))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("gradient() combines fixed task weights only, and this"
                                + " model's weighting learns them. Received:"
                                + " weighting(uncertainty(-0.5)). Use taskShares(...) and"
                                + " weighAndApply(...) for it (see fixedWeights()).");
                // and the shares of no rows are zeros
                TaskShares none = replica.taskShares(shard, new int[0], new int[] {3, 3});
                assertThat(none.values()).containsOnly(0f);
                assertThat(none.size()).isEqualTo(replica.size());
            }
        }
        try (MultiTaskModel model = model(weights(Map.of("y", 2.0, "c", 1.0)))) {
            model.fit(table, epochs(1), quiet());
            try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                    FitSettings.of(quiet()))) {
                assertThat(replica.fixedWeights()).isTrue();
                assertThat(replica.taskWeights()).containsExactly(2.0, 1.0);
            }
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

    static double largestDifference(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }

    /**
     * y = 2·x1 − x2 + noise, missing on every seventh row; c = hi/lo by x1 + x2, labelled on the
     * first 45 rows only and missing on every fifth of them.
     */
    private static Table table(int rows) {
        Random random = new Random(3);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn g = StringColumn.create("g");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn c = StringColumn.create("c");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            g.append(i % 3 == 0 ? "a" : "b");
            if (i % 7 == 4) {
                y.appendMissing();
            } else {
                y.append(2 * a - b + 0.1 * random.nextGaussian());
            }
            if (i % 5 == 2 || i >= 45) {
                c.appendMissing();
            } else {
                c.append(a + b > 0 ? "hi" : "lo");
            }
        }
        return Table.create("replica", x1, x2, g, y, c);
    }
}
