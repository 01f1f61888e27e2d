package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import tech.tablesaw.api.Table;

class LearningRateScheduleTest {

    private static final Table TABLE = SeedExample.table(200, 1, 1);

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build();
    }

    /**
     * Not SGD with momentum: DJL's momentum (v = μ·v − lr·g; w += v) lets the velocity keep
     * moving the parameters at rate 0.
     */
    static List<OptimizerSpec> optimizers() {
        return List.of(sgd(0.05), adam(1e-2), adamW(1e-2));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aZeroRateFreezesTheParametersWithEveryOptimizer(OptimizerSpec optimizer) {
        // GIVEN a schedule that trains epoch 1 at the base rate and epoch 2 at rate 0
        LearningRateSchedule firstEpochOnly =
                (base, stepsPerEpoch, epochs) -> step -> step < stepsPerEpoch ? base : 0.0;
        Map<Integer, List<double[]>> atEpochEnd = new TreeMap<>();
        try (MultiTaskModel model = model()) {
            FitListener snapshots = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    atEpochEnd.put(epoch.epoch(), ModelParameters.of(model));
                }
            };

            // WHEN it trains two epochs with that schedule (momentum and moments included)
            model.fit(TABLE, epochs(2), optimizer, firstEpochOnly, listener(snapshots), quiet());

            // THEN the first epoch moved the parameters and the second did not move them at all
            assertThat(atEpochEnd.get(2)).usingRecursiveComparison().isEqualTo(atEpochEnd.get(1));
            assertThat(model.history().epochs().get(0).learningRate()).isEqualTo(
                    optimizer.learningRate());
            assertThat(model.history().epochs().get(1).learningRate()).isZero();
        }
        try (MultiTaskModel model = model()) {
            List<List<double[]>> constant = new ArrayList<>();
            model.fit(TABLE, epochs(2), optimizer, quiet(), listener(new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    constant.add(ModelParameters.of(model));
                }
            }));
            assertThat(constant.get(1)).usingRecursiveComparison().isNotEqualTo(constant.get(0));
        }
    }

    @Test
    void aScheduleDrivesTheKeptOptimizerOfALoadedModel(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path folder) {
        // GIVEN a model trained with SGD, saved and loaded (the loader makes its optimizer)
        LearningRateSchedule firstEpochOnly =
                (base, stepsPerEpoch, epochs) -> step -> step < stepsPerEpoch ? base : 0.0;
        Map<Integer, List<double[]>> atEpochEnd = new TreeMap<>();
        try (MultiTaskModel model = model()) {
            model.fit(TABLE, epochs(1), sgd(0.05), quiet());
            model.save(folder.resolve("m.mtl4j"));
        }
        try (MultiTaskModel loaded = MultiTaskModel.load(folder.resolve("m.mtl4j"))) {
            FitListener snapshots = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    atEpochEnd.put(epoch.epoch(), ModelParameters.of(loaded));
                }
            };

            // WHEN it trains on with the same optimizer and a schedule that stops after an epoch
            loaded.fit(TABLE, epochs(2), sgd(0.05), firstEpochOnly, listener(snapshots), quiet());

            // THEN the second epoch of that fit did not move the parameters
            assertThat(atEpochEnd.get(3)).usingRecursiveComparison().isEqualTo(atEpochEnd.get(2));
        }
    }

    @Test
    void stepDecayIsRecordedPerEpochAndPerStep() {
        try (MultiTaskModel model = model()) {
            TrainingRun run = model.fit(TABLE, epochs(5), sgd(0.1), stepDecay(2, 0.5), quiet());

            assertThat(run.history().epochs().stream().mapToDouble(EpochRecord::learningRate))
                    .containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
            Table steps = run.history().stepsTable();
            assertThat(steps.doubleColumn("learning_rate").get(0)).isEqualTo(0.1);
            assertThat(steps.doubleColumn("learning_rate").get(steps.rowCount() - 1))
                    .isEqualTo(0.025);
            assertThat(run.history().toTable().doubleColumn("learning_rate").asDoubleArray())
                    .containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
        }
    }

    @Test
    void cosineDecayWarmsUpLinearlyThenFollowsHalfACosineToTheMinimum() {
        try (MultiTaskModel model = model()) {
            // 200 rows, batch 64: 4 steps per epoch, 16 steps, 4 of warm-up
            TrainingRun run = model.fit(TABLE, epochs(4), adam(1e-2),
                    cosineDecay().warmupEpochs(1).minRate(1e-4), quiet());

            double[] rates = run.history().steps().stream()
                    .mapToDouble(StepRecord::learningRate).toArray();
            assertThat(rates).hasSize(16);
            assertThat(rates[0]).isCloseTo(0.0025, within(1e-12));
            assertThat(rates[3]).isCloseTo(0.01, within(1e-12));
            assertThat(rates[4]).isCloseTo(0.01, within(1e-12));
            double middle = 1e-4 + (1e-2 - 1e-4) * (1 + Math.cos(Math.PI * 5 / 11)) / 2;
            assertThat(rates[9]).isCloseTo(middle, within(1e-12));
            assertThat(rates[15]).isCloseTo(1e-4, within(1e-12));
        }
    }

    @Test
    void reduceOnPlateauCutsTheRateWhenTheMonitorStalls() {
        try (MultiTaskModel model = noiseModel()) {
            TrainingRun run = model.fit(noise(), epochs(12), adam(3e-2), batchSize(16),
                    validationSplit(0.5),
                    reduceOnPlateau(validationLoss("y")).factor(0.5).patience(2).minDelta(0),
                    quiet());

            // recompute the rule from the recorded validation losses
            double rate = 3e-2;
            double best = Double.NaN;
            int waited = 0;
            List<Double> expected = new ArrayList<>();
            for (EpochRecord epoch : run.history().epochs()) {
                expected.add(rate);
                double loss = epoch.task("y").validationLoss();
                if (Double.isNaN(best) || loss < best) {
                    best = loss;
                    waited = 0;
                } else if (++waited >= 2) {
                    waited = 0;
                    rate *= 0.5;
                }
            }
            assertThat(run.history().epochs().stream().map(EpochRecord::learningRate).toList())
                    .isEqualTo(expected);
            assertThat(expected.get(expected.size() - 1)).as("the rate was cut").isLessThan(3e-2);
        }
    }

    @Test
    void scheduleMistakesAreNamed() {
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(TABLE, epochs(2), cosineDecay().warmupEpochs(2),
                    quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cosineDecay's warm-up must be shorter than the fit. Received:"
                            + " warmupEpochs(2) with epochs(2). Use fewer warm-up epochs or more"
                            + " epochs.");
            assertThatThrownBy(() -> model.fit(TABLE, epochs(2), reduceOnPlateau(), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reduceOnPlateau monitors the weighted total validation loss,"
                            + " but this fit has no validation split. Add validationSplit(0.2)"
                            + " to fit(), or monitor the training loss with trainingLoss().");
            assertThatThrownBy(() -> stepDecay(0, 0.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stepDecay needs at least 1 epoch between decays. Received:"
                            + " stepDecay(0, 0.5). Use e.g. stepDecay(10, 0.5).");
            LearningRateSchedule negative = (base, spe, epochs) -> step -> -1.0;
            assertThatThrownBy(() -> model.fit(TABLE, epochs(1), negative, quiet()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The learning-rate schedule ")
                    .hasMessageEndingWith(" gave -1.0 for step 1 of the fit. A schedule must give"
                            + " finite rates of at least 0; fix its rate(step).");
        }
    }

    static MultiTaskModel noiseModel() {
        return multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(32), relu())
                .task("y").head(dense(1)).loss(mse())
                .build();
    }

    /** 96 rows of noise: x1..x3 and y independent, so validation loss soon stops improving. */
    static Table noise() {
        java.util.Random random = new java.util.Random(3);
        tech.tablesaw.api.DoubleColumn[] columns = new tech.tablesaw.api.DoubleColumn[4];
        String[] names = {"x1", "x2", "x3", "y"};
        for (int c = 0; c < 4; c++) {
            columns[c] = tech.tablesaw.api.DoubleColumn.create(names[c]);
            for (int r = 0; r < 96; r++) {
                columns[c].append(random.nextGaussian());
            }
        }
        return Table.create("noise", columns);
    }
}
