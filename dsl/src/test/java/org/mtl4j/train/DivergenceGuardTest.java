package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.engine.NoGrad;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DivergenceGuardTest {

    private static MultiTaskModel regression() {
        return multiTask()
                .input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build();
    }

    /**
     * Makes one step per epoch overflow: before step {@code step} the head's bias is set to
     * Float.MAX_VALUE, so that step's loss is infinite, and after it the bias is put back. (A
     * label of 1e30 did this before; such labels are now rejected before training.)
     */
    private static final class OverflowAtStep implements FitListener {
        private final MultiTaskModel model;
        private final int step;
        private List<float[]> saved;

        OverflowAtStep(MultiTaskModel model, int step) {
            this.model = model;
            this.step = step;
        }

        @Override
        public void stepEnded(StepProgress progress) {
            MultiTaskBlockParameters parameters = new MultiTaskBlockParameters(model);
            if (saved != null) {
                parameters.set(parameters.head(), "bias", saved);
                saved = null;
            }
            if (progress.step() == step - 1) {
                saved = parameters.values(parameters.head(), "bias");
                parameters.fill(parameters.head(), "bias", Float.MAX_VALUE);
            }
        }

        /** Puts the bias back after a fit that stopped on the overflowing step. */
        void restore() {
            if (saved != null) {
                MultiTaskBlockParameters parameters = new MultiTaskBlockParameters(model);
                parameters.set(parameters.head(), "bias", saved);
                saved = null;
            }
        }
    }

    /** Copies the parameters to the host after every applied step. */
    private static final class StepSnapshots implements FitListener {
        private final MultiTaskModel model;
        private List<double[]> last;
        private int steps;

        StepSnapshots(MultiTaskModel model) {
            this.model = model;
        }

        @Override
        public void stepEnded(StepProgress progress) {
            last = ModelParameters.of(model);
            steps++;
        }
    }

    @Test
    void aHugeLearningRateStopsTheFitWithTheTaskStepAndLastFiniteLoss() {
        try (MultiTaskModel model = regression()) {
            Table table = SeedExample.table(200, 1, 1);
            model.fit(table, epochs(2), batchSize(8), quiet());
            StepSnapshots snapshots = new StepSnapshots(model);

            assertThatThrownBy(() -> model.fit(table, epochs(5), batchSize(8), sgd(1e3),
                    listener(snapshots), quiet()))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageMatching("Training diverged at epoch 3, step (\\d+) of 25 \\(step"
                            + " \\d+ of the model\\): the loss of task 'task1' \\((NaN|Infinity)\\)"
                            + " is not finite\\. .*Last finite loss of task 'task1' \\S+ at step"
                            + " \\d+\\. The model keeps the parameters of the last step with finite"
                            + " values \\(this step's update was not applied\\) and its 2"
                            + " completed epochs; the steps of epoch 3 are not in its history\\..*"
                            + " Lower the learning rate \\(this fit used sgd\\(1000\\.0\\)\\),"
                            + " clip gradients with clipGradientNorm\\(1\\.0\\), check labels and"
                            + " inputs for extreme values, or pass skipNonFiniteSteps\\(\\) to"
                            + " skip such steps\\.")
                    .satisfies(e -> {
                        TrainingRun run = ((TrainingDivergedException) e).run();
                        assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.DIVERGED);
                        assertThat(run.stopReason().toString())
                                .startsWith("diverged after epoch 2: at epoch 3, step ");
                        assertThat(run.epochsRun()).isZero();
                    });

            // the bad step's update was never applied: the parameters are those the last
            // applied step left, and the history keeps the two completed epochs
            assertThat(snapshots.steps).isGreaterThan(0);
            assertThat(ModelParameters.of(model)).usingRecursiveComparison()
                    .isEqualTo(snapshots.last);
            assertThat(model.history().epochs()).hasSize(2);
            assertThat(model.history().steps()).hasSize(2 * 25);
            assertThat(boxed(model.predict(table).doubleColumn("task1").asDoubleArray()))
                    .allMatch(Double::isFinite);
        }
    }

    @Test
    void aLossThatOverflowsMidEpochStopsBeforeItsUpdate() {
        try (MultiTaskModel model = regression()) {
            model.fit(SeedExample.table(200, 1, 1), epochs(1), batchSize(8), quiet());
            List<double[]> before = ModelParameters.of(model);
            StepSnapshots snapshots = new StepSnapshots(model);

            TrainingDivergedException diverged = org.junit.jupiter.api.Assertions.assertThrows(
                    TrainingDivergedException.class, () -> model.fit(SeedExample.table(200, 1, 1),
                            epochs(3), batchSize(8), listener(new OverflowAtStep(model, 11)),
                            listener(snapshots), quiet()));

            assertThat(diverged.getMessage()).startsWith("Training diverged at epoch 2, step "
                    + (snapshots.steps + 1) + " of 25 (step " + (25 + snapshots.steps + 1)
                    + " of the model): the loss of task 'task1' (Infinity) is not finite.");
            assertThat(diverged.getMessage()).contains("Last finite loss of task 'task1' ");
            assertThat(snapshots.steps).as("the outlier's batch is mid-epoch").isBetween(1, 23);
            assertThat(ModelParameters.of(model)).usingRecursiveComparison()
                    .isEqualTo(snapshots.last).isNotEqualTo(before);
            assertThat(model.history().epochs()).hasSize(1);
        }
    }

    @Test
    void earlyStoppingRestoresItsBestEpochAfterADivergenceAndSaysSo() {
        try (MultiTaskModel model = regression()) {
            Table clean = SeedExample.table(200, 1, 1);
            Map<Integer, List<double[]>> atEpochEnd = new TreeMap<>();
            // after step 2 of epoch 3, a head weight of 1e30 makes the next loss infinite
            FitListener snapshotThenBreak = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    atEpochEnd.put(epoch.epoch(), ModelParameters.of(model));
                }

                @Override
                public void stepEnded(StepProgress progress) {
                    if (progress.epoch() == 3 && progress.step() == 2) {
                        MultiTaskBlockParameters parameters = new MultiTaskBlockParameters(model);
                        parameters.fill(parameters.head(), "weight", 1e30f);
                    }
                }
            };

            TrainingDivergedException diverged = org.junit.jupiter.api.Assertions.assertThrows(
                    TrainingDivergedException.class, () -> model.fit(clean, epochs(5),
                            batchSize(8), earlyStopping(trainingLoss()).patience(10),
                            listener(snapshotThenBreak), quiet()));

            int best = diverged.run().stopReason().restoredEpoch();
            assertThat(best).isBetween(1, 2);
            assertThat(diverged.getMessage()).startsWith("Training diverged at epoch 3, step 3")
                    .endsWith(" Early stopping then gave the model the parameters of its best"
                            + " epoch, " + best + ".");
            assertThat(ModelParameters.of(model)).usingRecursiveComparison()
                    .isEqualTo(atEpochEnd.get(best));
        }
    }

    @Test
    void aLearnedWeightingNeverSeesANonFiniteLoss() {
        // GIVEN uncertainty weighting, whose log-variances the model keeps between fits
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .weighting(uncertainty())
                .build()) {
            Table clean = SeedExample.table(200, 2, 1);
            model.fit(clean, epochs(1), batchSize(8), quiet());
            OverflowAtStep overflow = new OverflowAtStep(model, 5);

            // WHEN a fit meets an infinite loss
            assertThatThrownBy(() -> model.fit(clean, epochs(1), batchSize(8),
                    listener(overflow), quiet()))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("the loss of task 'task1' (Infinity) is not finite");
            overflow.restore();

            // THEN the strategy's state took no step on it: the next fit trains normally
            TrainingRun next = model.fit(clean, epochs(1), batchSize(8), quiet());
            assertThat(next.history().lastEpoch().tasks()).allSatisfy(t -> {
                assertThat(t.weight()).isFinite().isPositive();
                assertThat(t.trainLoss()).isFinite();
            });
        }
    }

    @Test
    void nonFiniteTaskWeightsStopTheFitNamingEveryWeight() {
        // GIVEN a weighting strategy of one's own whose weights are not finite for task2
        org.mtl4j.weighting.Weighting broken = context -> losses -> {
            losses.backward(losses.stacked().sum());
            return context.scalars().vector(new double[] {1.0, Double.NaN});
        };
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .weighting(broken)
                .build()) {
            Table table = SeedExample.table(200, 2, 1);

            // WHEN it fits, THEN the first step stops, naming every task's weight, and the model
            // stays untrained
            assertThatThrownBy(() -> model.fit(table, epochs(1), batchSize(8), quiet()))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageStartingWith("Training diverged at epoch 1, step 1 of 25 (step 1"
                            + " of the model): the weighting strategy gave non-finite task"
                            + " weights [task1=1.0, task2=NaN]. ");
            assertThat(model.history().steps()).isEmpty();
        }
    }

    @Test
    void aNonFiniteGradientWithFiniteLossesStopsTheFit() {
        try (MultiTaskModel model = regression()) {
            Table table = SeedExample.table(200, 1, 1);
            model.fit(table, epochs(1), batchSize(8), quiet());
            // the trunk outputs 1e-37 everywhere and the head multiplies by 1e38: the outputs
            // and losses stay finite, the gradient reaching the trunk (1e38 times the loss's)
            // does not
            MultiTaskBlockParameters parameters = new MultiTaskBlockParameters(model);
            parameters.fill(parameters.trunk(), "weight", 0f);
            parameters.fill(parameters.trunk(), "bias", 1e-37f);
            parameters.fill(parameters.head(), "weight", 1e38f);
            parameters.fill(parameters.head(), "bias", 0f);
            List<double[]> before = ModelParameters.of(model);

            assertThatThrownBy(() -> model.fit(table, epochs(1), batchSize(8), sgd(1e-3),
                    quiet()))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageMatching("Training diverged at epoch 2, step 1 of 25 \\(step 26"
                            + " of the model\\): the gradient is not finite \\(largest magnitude"
                            + " (NaN|Infinity)\\) while every task's loss is\\. The first"
                            + " non-finite gradient is in parameter '01sharing_01trunk_01Linear_"
                            + "weight'\\. Last finite loss of task 'task1' \\S+ at this step\\..*");
            assertThat(ModelParameters.of(model)).usingRecursiveComparison().isEqualTo(before);
        }
    }

    @Test
    void skipNonFiniteStepsLeavesTheBadStepsOutAndCountsThem() {
        try (MultiTaskModel model = regression()) {
            // (the first fit learns the target's scale)
            model.fit(SeedExample.table(200, 1, 1), epochs(1), batchSize(8), quiet());
            TrainingRun run = model.fit(SeedExample.table(200, 1, 1), epochs(3), batchSize(8),
                    listener(new OverflowAtStep(model, 13)), skipNonFiniteSteps(), quiet());

            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.COMPLETED);
            assertThat(run.skippedSteps()).as("one step per epoch overflows")
                    .isEqualTo(3);
            assertThat(run.toString()).contains("3 non-finite steps skipped");
            assertThat(model.history().epochs()).hasSize(4);
            assertThat(model.history().steps()).hasSize(4 * 25);
            long infinite = model.history().steps().stream()
                    .filter(s -> Double.isInfinite(s.loss(0))).count();
            assertThat(infinite).isEqualTo(3);
            assertThat(model.history().epochs()).allSatisfy(
                    e -> assertThat(e.task("task1").trainLoss()).isFinite());
            assertThat(ModelParameters.of(model))
                    .allSatisfy(p -> assertThat(boxed(p)).allMatch(Double::isFinite));
        }
    }

    @Test
    void skippingAWholeEpochInARowStillStops() {
        try (MultiTaskModel model = regression()) {
            Table table = SeedExample.table(200, 1, 1);
            model.fit(table, epochs(1), batchSize(8), quiet());

            assertThatThrownBy(() -> model.fit(table, epochs(20), batchSize(8), sgd(1e3),
                    skipNonFiniteSteps(), quiet()))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("The 24 steps before it were skipped too, a whole"
                            + " epoch's worth in a row, so skipping cannot recover.");
            assertThat(ModelParameters.of(model))
                    .allSatisfy(p -> assertThat(boxed(p)).allMatch(Double::isFinite));
        }
    }

    @Test
    void predictGivesNoClassForNonFiniteScores() {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(4), relu())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .task("sign").head(dense(1)).loss(binaryCrossEntropy())
                .task("value").head(dense(1)).loss(mse())
                .build()) {
            Table table = Table.create("t", DoubleColumn.create("x1", 0.1, 0.5, -0.3, 0.9),
                    DoubleColumn.create("x2", 1.0, -1.0, 0.5, 0.0),
                    StringColumn.create("kind", "a", "b", "c", "a"),
                    StringColumn.create("sign", "+", "-", "+", "-"),
                    DoubleColumn.create("value", 1, 2, 3, 4));
            model.fit(table, epochs(1), quiet());
            MultiTaskBlockParameters parameters = new MultiTaskBlockParameters(model);
            parameters.fill(parameters.trunk(), "bias", Float.NaN);

            Table predictions = model.predict(table);

            assertThat(predictions.stringColumn("kind").countMissing()).isEqualTo(4);
            assertThat(predictions.stringColumn("sign").countMissing()).isEqualTo(4);
            assertThat(boxed(predictions.doubleColumn("kind_probability").asDoubleArray()))
                    .allMatch(v -> v.isNaN());
            assertThat(boxed(predictions.doubleColumn(
                    Prediction.positiveColumn("sign", List.of("+", "-"))).asDoubleArray()))
                    .allMatch(v -> v.isNaN());
            assertThat(boxed(predictions.doubleColumn("value").asDoubleArray()))
                    .allMatch(v -> v.isNaN());
        }
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Writes test values into a fitted model's parameters. */
    static final class MultiTaskBlockParameters {
        private final MultiTaskModel model;

        MultiTaskBlockParameters(MultiTaskModel model) {
            this.model = model;
        }

        List<Parameter> trunk() {
            return new ArrayList<>(
                    model.parts().orElseThrow().block().sharing().getParameters().values());
        }

        List<Parameter> head() {
            return new ArrayList<>(model.parts().orElseThrow().block().heads().get(0)
                    .getParameters().values());
        }

        /** The values of the parameters whose names end with {@code kind}. */
        List<float[]> values(List<Parameter> parameters, String kind) {
            List<float[]> values = new ArrayList<>();
            for (Parameter parameter : parameters) {
                if (parameter.getName().endsWith(kind)) {
                    values.add(parameter.getArray().toFloatArray());
                }
            }
            return values;
        }

        /** Puts back {@link #values} of the same parameters. */
        void set(List<Parameter> parameters, String kind, List<float[]> values) {
            try (NoGrad ignored = new NoGrad()) {
                int i = 0;
                for (Parameter parameter : parameters) {
                    if (parameter.getName().endsWith(kind)) {
                        NDArray array = parameter.getArray();
                        array.set(new NDIndex("..."), array.getManager().create(values.get(i++),
                                array.getShape()));
                    }
                }
            }
        }

        void fill(List<Parameter> parameters, String kind, float value) {
            try (NoGrad ignored = new NoGrad()) {
                for (Parameter parameter : parameters) {
                    if (parameter.getName().endsWith(kind)) {
                        NDArray array = parameter.getArray();
                        float[] values = new float[(int) array.size()];
                        Arrays.fill(values, value);
                        array.set(new NDIndex("..."), array.getManager().create(values,
                                array.getShape()));
                    }
                }
            }
        }
    }
}
