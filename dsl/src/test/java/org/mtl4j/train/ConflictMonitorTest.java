package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ConflictMonitorTest {

    @TempDir
    Path folder;

    /** x1, x2 standard normal; a = x1 + x2, b = scale · a, c = x1, d = x2. */
    private static Table data(int rows, double scale) {
        Random random = new Random(7);
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        double[] a = new double[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = random.nextGaussian();
            x2[i] = random.nextGaussian();
            a[i] = x1[i] + x2[i];
            b[i] = scale * a[i];
        }
        return Table.create("toy", DoubleColumn.create("x1", x1), DoubleColumn.create("x2", x2),
                DoubleColumn.create("a", a), DoubleColumn.create("b", b),
                DoubleColumn.create("c", x1), DoubleColumn.create("d", x2));
    }

    /**
     * A linear trunk of one unit starting near 0 and two identical linear heads (weight 0.5,
     * bias 0): at the first step the trunk output z ≈ 0, so task t's residual is ≈ −y_t and its
     * gradient of the trunk is ≈ −2 · 0.5 · mean(y_t · [x, 1]); with y_b = s · y_a the two
     * gradients are parallel, cos = sign(s), and |g_a| / |g_b| = 1 / |s|.
     */
    private static MultiTaskModel linear(String b) {
        return multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(1).init(normal(0, 1e-4)))
                .task("a").head(dense(1).init(normal(0.5, 1e-30))).loss(mse()).scaleTarget(false)
                .task(b).head(dense(1).init(normal(0.5, 1e-30))).loss(mse()).scaleTarget(false)
                .build();
    }

    @ParameterizedTest(name = "b = {0} · a")
    @CsvSource({"1, 1, 1", "-1, -1, 1", "2, 1, 0.5", "-0.5, -1, 2"})
    void theFirstStepsCosineAndRatioAreTheHandComputedOnes(
            double scale, double cosine, double ratio) {
        try (MultiTaskModel model = linear("b")) {
            TrainingRun run = model.fit(data(64, scale), epochs(1), batchSize(64), sgd(0.01),
                    conflictMonitor(), quiet());

            ConflictRecord record = run.history().conflicts().get(0);
            assertThat(record.taskA()).isEqualTo("a");
            assertThat(record.taskB()).isEqualTo("b");
            assertThat(record.samples()).isEqualTo(1);
            assertThat(record.cosine()).isCloseTo(cosine, within(1e-3));
            assertThat(record.conflictFraction()).isEqualTo(cosine < 0 ? 1.0 : 0.0);
            assertThat(record.magnitudeRatio()).isCloseTo(ratio, within(1e-3 * ratio));
        }
    }

    @Test
    void identicalTasksKeepACosineOfOneThroughTraining() {
        try (MultiTaskModel model = linear("b")) {
            Table conflicts = model.fit(data(256, 1), epochs(3), batchSize(32), adam(1e-2),
                    conflictMonitor(), quiet()).history().conflictTable();

            assertThat(conflicts.rowCount()).isEqualTo(3);
            for (int row = 0; row < 3; row++) {
                assertThat(conflicts.doubleColumn("cosine").get(row)).isCloseTo(1, within(1e-5));
                assertThat(conflicts.doubleColumn("conflict_fraction").get(row)).isZero();
                assertThat(conflicts.doubleColumn("magnitude_ratio").get(row))
                        .isCloseTo(1, within(1e-5));
                assertThat(conflicts.intColumn("samples").get(row)).isEqualTo(8);
            }
        }
    }

    /**
     * A planted conflict: one trunk unit for two tasks that need different features (c = x1,
     * d = x2). Trained together, the trunk settles where their pulls cancel: g_c + g_d ≈ 0 on
     * the trunk, a cosine near −1 on every step.
     */
    @Test
    void aBottleneckSharedByTasksNeedingDifferentFeaturesIsFoundInConflict() {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(1))
                .task("c").head(dense(1)).loss(mse())
                .task("d").head(dense(1)).loss(mse())
                .build()) {
            TrainingHistory history = model.fit(data(512, 1), epochs(120), batchSize(512),
                    adam(2e-2), seed(3), conflictMonitor(), quiet()).history();

            ConflictRecord last = history.conflicts().get(history.conflicts().size() - 1);
            assertThat(last.epoch()).isEqualTo(120);
            assertThat(last.cosine()).isLessThan(-0.99);
            assertThat(last.conflictFraction()).isEqualTo(1.0);
            assertThat(history.conflicts().get(0).cosine())
                    .as("at the start the pulls do not cancel yet").isGreaterThan(last.cosine());
        }
    }

    /**
     * A weighting that cuts the step at the trunk output still gets the shared parameters'
     * gradients: the first step (same parameters, same batch) measures what equal weighting's
     * does.
     */
    @Test
    void aStepCutAtTheTrunkOutputMeasuresTheSameParameterGradients() {
        double[] firstCosines = new double[2];
        double[] firstRatios = new double[2];
        List<org.mtl4j.weighting.Weighting> weightings =
                List.of(equal(), mgda().onTrunkOutput());
        for (int w = 0; w < 2; w++) {
            try (MultiTaskModel model = multiTask()
                    .input(numeric("x1", "x2"))
                    .trunk(dense(4), relu())
                    .task("c").head(dense(1)).loss(mse())
                    .task("d").head(dense(1)).loss(mse())
                    .weighting(weightings.get(w))
                    .build()) {
                ConflictRecord first = model.fit(data(64, 1), epochs(1), batchSize(64),
                        conflictMonitor(), quiet()).history().conflicts().get(0);
                firstCosines[w] = first.cosine();
                firstRatios[w] = first.magnitudeRatio();
            }
        }

        assertThat(firstCosines[1]).isCloseTo(firstCosines[0], within(1e-5));
        assertThat(firstRatios[1]).isCloseTo(firstRatios[0], within(1e-5 * firstRatios[0]));
    }

    @Test
    void theTrainingGradientsStayRightWithTheMonitorAndCollectionsBeforeEveryBackward() {
        ConflictProbe[] probe = new ConflictProbe[1];

        GradientHarness.Result result = GradientHarness.check(
                GradientHarness.spec().weighting()::start, (step, parts) -> {
                    probe[0] = new ConflictProbe(conflictMonitor(), parts.spec().taskNames(),
                            parts.block().sharedParameters(),
                            new java.util.ArrayList<>(parts.block().getParameters().values()));
                    step.monitorConflicts(probe[0]);
                });

        assertThat(probe[0].sampledSteps()).containsExactly(1);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(60);
    }

    @Test
    void everyKSamplesSteps1AndThenEveryKthOfEachEpoch() {
        ConflictMonitor monitor = conflictMonitor().every(3);

        assertThat(IntStream.rangeClosed(1, 10).filter(monitor::samples).toArray())
                .containsExactly(1, 4, 7, 10);
        try (MultiTaskModel model = linear("b")) {
            // 320 rows in batches of 32: 10 steps an epoch, of which 1, 4, 7 and 10 are sampled
            Table conflicts = model.fit(data(320, 1), epochs(2), batchSize(32), adam(1e-2),
                    monitor, quiet()).history().conflictTable();

            assertThat(conflicts.intColumn("epoch").asList()).containsExactly(1, 2);
            assertThat(conflicts.intColumn("samples").asList()).containsExactly(4, 4);
        }
    }

    @Test
    void theProbeSumsPairsByHand() {
        ConflictProbe probe = new ConflictProbe(conflictMonitor(), List.of("a", "b", "c"),
                List.of(), List.of());
        // g_a = (1, 0), g_b = (1, 1), g_c = (-2, 0): Gram matrix by hand
        probe.add(new int[] {0, 1, 2}, new double[][] {{1, 1, -2}, {1, 2, -2}, {-2, -2, 4}});
        // the next step has no labels for b: a and c only, g_a = (0, 1), g_c = (0, 0)
        probe.add(new int[] {0, 2}, new double[][] {{1, 0}, {0, 0}});

        List<ConflictRecord> records = probe.epochEnded(5);

        assertThat(records).extracting(ConflictRecord::taskB).containsExactly("b", "c", "c");
        ConflictRecord ab = records.get(0);
        assertThat(ab.cosine()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
        assertThat(ab.magnitudeRatio()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
        assertThat(ab.conflictFraction()).isZero();
        ConflictRecord ac = records.get(1);
        assertThat(ac.cosine()).isCloseTo(-1, within(1e-12));
        assertThat(ac.magnitudeRatio()).isCloseTo(0.5, within(1e-12));
        assertThat(ac.conflictFraction()).isEqualTo(1.0);
        assertThat(ac.samples()).as("a zero gradient has no direction: not a sample").isEqualTo(1);
        assertThat(records.get(2).epoch()).isEqualTo(5);
    }

    @Test
    void aPairWithoutSamplesGetsNaN() {
        ConflictProbe probe = new ConflictProbe(conflictMonitor(), List.of("a", "b"), List.of(),
                List.of());

        ConflictRecord record = probe.epochEnded(1).get(0);

        assertThat(record.samples()).isZero();
        assertThat(record.cosine()).isNaN();
        assertThat(record.conflictFraction()).isNaN();
        assertThat(record.magnitudeRatio()).isNaN();
    }

    @Test
    void everyBelowOneIsRefusedWithTheFix() {
        assertThatThrownBy(() -> conflictMonitor().every(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conflictMonitor().every(k) needs k >= 1 (1 samples every step)."
                        + " Received: every(0). Use every(1) or a larger k.");
        assertThat(conflictMonitor().every(4)).hasToString("conflictMonitor().every(4)");
    }

    @Test
    void aSingleTaskModelIsRefusedWithTheFix() {
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(2)).task("a").head(dense(1)).loss(mse()).build()) {
            assertThatThrownBy(() -> model.fit(data(32, 1), epochs(1), conflictMonitor(),
                    quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("conflictMonitor() compares the gradients of pairs of tasks and"
                            + " needs at least two tasks. Received: tasks=[a]. Fit without"
                            + " conflictMonitor(), or add a task.");
        }
    }

    @Test
    void aFitWithoutTheMonitorRecordsNoConflicts() {
        try (MultiTaskModel model = linear("b")) {
            TrainingHistory history = model.fit(data(64, 1), epochs(1), quiet()).history();

            assertThat(history.conflicts()).isEmpty();
            assertThat(history.conflictTable().columnNames()).containsExactly("epoch", "task_a",
                    "task_b", "cosine", "conflict_fraction", "magnitude_ratio", "samples");
        }
    }

    @Test
    void theConflictsAreSavedAndLoadedWithTheHistory() {
        Path file = folder.resolve("model.mtl4j");
        try (MultiTaskModel model = linear("b")) {
            TrainingHistory history = model.fit(data(128, -1), epochs(2), batchSize(32),
                    conflictMonitor().every(2), quiet()).history();
            model.save(file);

            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                assertThat(loaded.history().conflicts()).hasSize(2)
                        .isEqualTo(history.conflicts());
            }
        }
    }
}
