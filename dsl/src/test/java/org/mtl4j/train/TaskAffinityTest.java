package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.engine.Scalars;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TaskAffinityTest {

    @TempDir
    Path folder;

    /** x1, x2 standard normal; a = x1 + x2, b = scale · a, c = x1 − x2. */
    private static Table data(int rows, double scale) {
        Random random = new Random(7);
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        double[] a = new double[rows];
        double[] b = new double[rows];
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = random.nextGaussian();
            x2[i] = random.nextGaussian();
            a[i] = x1[i] + x2[i];
            b[i] = scale * a[i];
            c[i] = x1[i] - x2[i];
        }
        return Table.create("toy", DoubleColumn.create("x1", x1), DoubleColumn.create("x2", x2),
                DoubleColumn.create("a", a), DoubleColumn.create("b", b),
                DoubleColumn.create("c", c));
    }

    /**
     * A linear trunk of one unit starting at (almost exactly) 0 and three linear heads of weight
     * 0.5 and bias 0: at the first step every prediction is 0.
     */
    private static MultiTaskModel linear() {
        return multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(1).init(normal(0, 1e-30)))
                .task("a").head(dense(1).init(normal(0.5, 1e-30))).loss(mse()).scaleTarget(false)
                .task("b").head(dense(1).init(normal(0.5, 1e-30))).loss(mse()).scaleTarget(false)
                .task("c").head(dense(1).init(normal(0.5, 1e-30))).loss(mse()).scaleTarget(false)
                .build();
    }

    /**
     * Z_i→j at the first step by hand. With z = w·x̃ + b = 0 and heads 0.5 z, task t's loss is
     * mean(y_t²) and its gradient of the trunk (w, b) is −(mean(y_t x̃), mean(y_t)); the
     * look-ahead on i sets (w, b) = η (mean(y_i x̃), mean(y_i)), so z' = η (mean(y_i x̃) · x̃ +
     * mean(y_i)) and Z_i→j = 1 − mean((0.5 z' − y_j)²) / mean(y_j²). x̃ are the standardised
     * features (population standard deviation, as the numeric encoder does).
     */
    private static double byHand(Table table, String from, String to, double eta) {
        int n = table.rowCount();
        double[][] x = new double[2][n];
        for (int k = 0; k < 2; k++) {
            double[] raw = table.doubleColumn("x" + (k + 1)).asDoubleArray();
            double mean = java.util.Arrays.stream(raw).average().orElseThrow();
            double variance = java.util.Arrays.stream(raw).map(v -> (v - mean) * (v - mean))
                    .sum() / n;
            for (int r = 0; r < n; r++) {
                x[k][r] = (raw[r] - mean) / Math.sqrt(variance);
            }
        }
        double[] yi = table.doubleColumn(from).asDoubleArray();
        double[] yj = table.doubleColumn(to).asDoubleArray();
        double[] w = new double[2];
        double b = 0;
        for (int r = 0; r < n; r++) {
            w[0] += yi[r] * x[0][r] / n;
            w[1] += yi[r] * x[1][r] / n;
            b += yi[r] / n;
        }
        double before = 0;
        double after = 0;
        for (int r = 0; r < n; r++) {
            double z = eta * (w[0] * x[0][r] + w[1] * x[1][r] + b);
            before += yj[r] * yj[r] / n;
            after += (0.5 * z - yj[r]) * (0.5 * z - yj[r]) / n;
        }
        return 1 - after / before;
    }

    @ParameterizedTest(name = "b = {0} · a")
    @ValueSource(doubles = {1, -1, 2})
    void theFirstStepsAffinitiesAreTheHandComputedOnes(double scale) {
        Table table = data(64, scale);
        try (MultiTaskModel model = linear()) {
            TrainingHistory history = model.fit(table, epochs(1), batchSize(64), sgd(0.01),
                    taskAffinity().stepSize(0.1), quiet()).history();

            assertThat(history.affinities()).hasSize(9)
                    .allSatisfy(r -> assertThat(r.samples()).isEqualTo(1));
            AffinityMatrix first = AffinityMatrix.of(history, 1);
            for (String from : List.of("a", "b", "c")) {
                for (String to : List.of("a", "b", "c")) {
                    assertThat(first.value(from, to)).as("%s → %s", from, to)
                            .isCloseTo(byHand(table, from, to, 0.1), within(2e-6));
                }
            }
            assertThat(first.value("a", "b")).as("the sign follows b's").isCloseTo(
                    Math.signum(scale) * Math.abs(first.value("a", "b")), within(0.0));
            assertThat(first.value("a", "a")).as("a step on a helps a").isGreaterThan(0.05);
        }
    }

    @Test
    void theLookAheadStepIsTheLearningRateUnlessSet() {
        Table table = data(64, 1);
        try (MultiTaskModel model = linear()) {
            AffinityMatrix first = AffinityMatrix.of(model.fit(table, epochs(1), batchSize(64),
                    sgd(0.05), taskAffinity(), quiet()).history());

            assertThat(first.value("a", "b")).isCloseTo(byHand(table, "a", "b", 0.05),
                    within(2e-6));
        }
    }

    /**
     * A weighting that cuts the step at the trunk output still looks ahead on the shared
     * parameters' gradients: the first step (same parameters, same batch) measures what equal
     * weighting's does.
     */
    @Test
    void aStepCutAtTheTrunkOutputMeasuresTheSameAffinities() {
        List<AffinityMatrix> first = new ArrayList<>();
        for (org.mtl4j.weighting.Weighting weighting : List.of(equal(), mgda().onTrunkOutput())) {
            try (MultiTaskModel model = multiTask()
                    .input(numeric("x1", "x2"))
                    .trunk(dense(4), relu())
                    .task("a").head(dense(1)).loss(mse())
                    .task("c").head(dense(1)).loss(mse())
                    .weighting(weighting)
                    .build()) {
                first.add(AffinityMatrix.of(model.fit(data(64, 1), epochs(1), batchSize(64),
                        taskAffinity().stepSize(0.1), quiet()).history()));
            }
        }

        for (String from : List.of("a", "c")) {
            for (String to : List.of("a", "c")) {
                assertThat(first.get(1).value(from, to)).as("%s → %s", from, to)
                        .isNotZero().isCloseTo(first.get(0).value(from, to), within(1e-6));
            }
        }
    }

    @Test
    void everyKSamplesSteps1AndThenEveryKthOfEachEpoch() {
        TaskAffinity option = taskAffinity().every(3);

        assertThat(IntStream.rangeClosed(1, 10).filter(option::samples).toArray())
                .containsExactly(1, 4, 7, 10);
        try (MultiTaskModel model = linear()) {
            // 320 rows in batches of 32: 10 steps an epoch, of which 1, 4, 7 and 10 are sampled
            Table affinity = model.fit(data(320, 1), epochs(2), batchSize(32), adam(1e-2),
                    option, quiet()).history().affinityTable();

            assertThat(affinity.columnNames()).containsExactly("epoch", "from_task", "to_task",
                    "affinity", "samples");
            assertThat(affinity.rowCount()).as("3 × 3 ordered pairs × 2 epochs").isEqualTo(18);
            assertThat(affinity.intColumn("samples").asList()).containsOnly(4);
            assertThat(affinity.stringColumn("from_task").asList().subList(0, 9))
                    .containsExactly("a", "a", "a", "b", "b", "b", "c", "c", "c");
        }
    }

    @Test
    void theProbeAveragesStepsByHandAndSkipsUnlabelledTasksAndZeroLosses() {
        AffinityProbe probe = new AffinityProbe(taskAffinity(), List.of("a", "b", "c"),
                List.of(), List.of(), 0.1, null);
        // step 1, all labelled: losses before (2, 4, 1); after a step on a, on b, on c
        probe.add(new int[] {0, 1, 2}, new double[] {2, 4, 1},
                new double[][] {{1, 3, 1.5}, {2.5, 2, 1}, {2, 5, 0.5}});
        // step 2, c unlabelled; b's loss is 0 (no ratio)
        probe.add(new int[] {0, 1}, new double[] {1, 0, 9},
                new double[][] {{0.5, 0, 9}, {2, 0, 9}});

        List<AffinityRecord> records = probe.epochEnded(3);

        assertThat(records).hasSize(9);
        AffinityMatrix matrix = AffinityMatrix.of(new TrainingHistory(List.of("a", "b", "c"),
                List.of(), List.of(), List.of(), records));
        assertThat(matrix.value("a", "a")).isCloseTo(((1 - 1 / 2.0) + (1 - 0.5)) / 2,
                within(1e-12));
        assertThat(matrix.value("a", "b")).as("step 2 had no ratio for b")
                .isCloseTo(1 - 3 / 4.0, within(1e-12));
        assertThat(matrix.value("b", "a")).isCloseTo(((1 - 2.5 / 2) + (1 - 2)) / 2,
                within(1e-12));
        assertThat(matrix.value("c", "c")).isCloseTo(0.5, within(1e-12));
        assertThat(records.get(2).samples()).as("a → c: step 1 only").isEqualTo(1);
        assertThat(records.get(0).epoch()).isEqualTo(3);
        assertThat(probe.epochEnded(4)).allSatisfy(r -> {
            assertThat(r.samples()).isZero();
            assertThat(r.affinity()).isNaN();
        });
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> taskAffinity().every(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("taskAffinity().every(k) needs k >= 1 (1 samples every step)."
                        + " Received: every(0). Use every(1) or a larger k.");
        assertThatThrownBy(() -> taskAffinity().stepSize(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("taskAffinity().stepSize(η) needs a finite η > 0. Received:"
                        + " stepSize(-0.5). Use e.g. stepSize(0.1), or leave it out for the"
                        + " fit's learning rate.");
        assertThat(taskAffinity().every(4).stepSize(0.5))
                .hasToString("taskAffinity().every(4).stepSize(0.5)");
        assertThat(taskAffinity()).hasToString("taskAffinity()");
    }

    @Test
    void aSingleTaskModelIsRefusedWithTheFix() {
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(2)).task("a").head(dense(1)).loss(mse()).build()) {
            assertThatThrownBy(() -> model.fit(data(32, 1), epochs(1), taskAffinity(), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("taskAffinity() measures how a step on one task changes another"
                            + " task's loss and needs at least two tasks. Received: tasks=[a]."
                            + " Fit without taskAffinity(), or add a task.");
        }
    }

    @Test
    void aFitWithoutTheOptionRecordsNothingAndTheMatrixSaysHowToGetIt() {
        try (MultiTaskModel model = linear()) {
            TrainingHistory history = model.fit(data(64, 1), epochs(1), quiet()).history();

            assertThat(history.affinities()).isEmpty();
            assertThat(history.affinityTable().rowCount()).isZero();
            assertThatThrownBy(() -> AffinityMatrix.of(history))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The history has no task affinity figures: no fit measured them."
                            + " Received: 1 epochs fitted without taskAffinity(). Fit with it,"
                            + " e.g. model.fit(table, epochs(10), taskAffinity()).");
        }
    }

    @Test
    void theAffinitiesAreSavedAndLoadedWithTheHistory() {
        Path file = folder.resolve("model.mtl4j");
        try (MultiTaskModel model = linear()) {
            TrainingHistory history = model.fit(data(128, -1), epochs(2), batchSize(32),
                    taskAffinity().every(2), quiet()).history();
            model.save(file);

            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                assertThat(loaded.history().affinities()).hasSize(18)
                        .isEqualTo(history.affinities());
            }
        }
    }

    @Test
    void theLiveArrayCountStaysFlatWithEveryStepSampled() {
        List<Integer> liveArrays = new ArrayList<>();
        FitListener counter = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                try (ai.djl.ndarray.NDManager probe = ai.djl.ndarray.NDManager.newBaseManager()) {
                    // the engine's root manager owns every manager, so it sees every live array
                    liveArrays.add(probe.getParentManager().getManagedArrays().size());
                }
            }
        };
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .experts(2, dense(8), relu()).gates()
                .task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse())
                .task("c").head(dense(1)).loss(mse())
                .build()) {
            model.fit(data(256, 1), epochs(12), batchSize(32), validationSplit(0.25),
                    taskAffinity(), listener(counter), quiet());
        }

        assertThat(liveArrays).hasSize(12);
        assertThat(liveArrays.subList(1, 12)).allMatch(count -> count.equals(liveArrays.get(1)));
    }

    @Test
    void theTrainingGradientsStayRightWithTheProbeAndCollectionsBeforeEveryBackward() {
        AffinityProbe[] probe = new AffinityProbe[1];

        GradientHarness.Result result = GradientHarness.check(
                GradientHarness.spec().weighting()::start, (step, parts) -> {
                    probe[0] = new AffinityProbe(taskAffinity(), parts.spec().taskNames(),
                            parts.block().sharedParameters(),
                            new ArrayList<>(parts.block().getParameters().values()), 0.1,
                            new Scalars(parts.manager(), parts.dataType()));
                    step.measureAffinity(probe[0]);
                });

        assertThat(probe[0].sampledSteps()).containsExactly(1);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(60);
    }
}
