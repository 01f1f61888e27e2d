package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EarlyStoppingTest {

    /** Parameters at the end of every epoch. */
    private static final class EpochSnapshots implements FitListener {
        final Map<Integer, List<double[]>> parameters = new TreeMap<>();
        private final MultiTaskModel model;

        EpochSnapshots(MultiTaskModel model) {
            this.model = model;
        }

        @Override
        public void epochEnded(EpochRecord epoch, TrainingHistory history) {
            parameters.put(epoch.epoch(), ModelParameters.of(model));
        }
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestEpoch() {
        // GIVEN noise, which a wide model overfits: the validation loss soon rises
        try (MultiTaskModel model = LearningRateScheduleTest.noiseModel()) {
            EpochSnapshots snapshots = new EpochSnapshots(model);

            // WHEN it trains for up to 200 epochs with early stopping on the validation loss
            TrainingRun run = model.fit(LearningRateScheduleTest.noise(), epochs(200),
                    adam(3e-2), batchSize(16), validationSplit(0.5),
                    earlyStopping(validationLoss("y")).patience(3), listener(snapshots),
                    quiet());

            // THEN it stopped 3 epochs after the lowest validation loss and went back to it
            List<Double> losses = run.history().epochs().stream()
                    .map(e -> e.task("y").validationLoss()).toList();
            int best = losses.indexOf(losses.stream().min(Double::compare).orElseThrow()) + 1;
            assertThat(run.epochsRun()).isLessThan(200).isEqualTo(best + 3);
            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.EARLY_STOPPING);
            assertThat(run.stopReason().restoredEpoch()).isEqualTo(best);
            assertThat(run.stopReason().toString()).isEqualTo("early stopping at epoch "
                    + (best + 3) + ": the validation loss of task 'y' did not improve on "
                    + String.format(java.util.Locale.ROOT, "%.6g", losses.get(best - 1))
                    + " (epoch " + best + ") for 3 epochs; best epoch " + best + " restored");
            assertThat(ModelParameters.of(model)).usingRecursiveComparison()
                    .isEqualTo(snapshots.parameters.get(best))
                    .isNotEqualTo(snapshots.parameters.get(best + 3));
            assertThat(model.history().epochs()).as("the history keeps every epoch")
                    .hasSize(best + 3);
        }
    }

    @Test
    void withoutRestoreTheLastEpochsParametersStay() {
        try (MultiTaskModel model = LearningRateScheduleTest.noiseModel()) {
            EpochSnapshots snapshots = new EpochSnapshots(model);

            TrainingRun run = model.fit(LearningRateScheduleTest.noise(), epochs(200),
                    adam(3e-2), batchSize(16), validationSplit(0.5),
                    earlyStopping(validationLoss()).patience(2).restoreBest(false),
                    listener(snapshots), quiet());

            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.EARLY_STOPPING);
            assertThat(run.stopReason().restoredEpoch()).isZero();
            assertThat(ModelParameters.of(model)).usingRecursiveComparison()
                    .isEqualTo(snapshots.parameters.get(run.epochsRun()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricsToMaximise")
    void aMetricToMaximiseIsWatchedUpwards(org.mtl4j.spec.metrics.Metric metric) {
        // GIVEN a classification task whose labels are noise: the validation metric wanders
        Table table = LearningRateScheduleTest.noise();
        StringColumn kind = StringColumn.create("kind");
        java.util.Random random = new java.util.Random(9);
        for (int r = 0; r < table.rowCount(); r++) {
            kind.append(random.nextBoolean() ? "a" : "b");
        }
        table.addColumns(kind);
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(32), relu())
                .task("kind").head(dense(2)).loss(crossEntropy()).metric(metric)
                .build()) {
            TrainingRun run = model.fit(table, epochs(200), adam(3e-2), batchSize(16),
                    validationSplit(0.5), earlyStopping(monitor("kind", metric)).patience(4),
                    quiet());

            List<Double> values = run.history().epochs().stream()
                    .map(e -> e.task("kind").metrics().get(metric.name())).toList();
            double highest = values.stream().max(Double::compare).orElseThrow();
            int best = values.indexOf(highest) + 1;
            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.EARLY_STOPPING);
            assertThat(run.epochsRun()).isEqualTo(best + 4);
            assertThat(run.stopReason().restoredEpoch()).isEqualTo(best);
            assertThat(model.evaluate(table).doubleColumn(metric.name()).get(0)).isNotNaN();
        }
    }

    static java.util.stream.Stream<org.mtl4j.spec.metrics.Metric> metricsToMaximise() {
        return java.util.stream.Stream.of(accuracy(), macroF1(), auc());
    }

    @Test
    void monitoringWhatTheFitDoesNotHaveIsExplained() {
        try (MultiTaskModel model = LearningRateScheduleTest.noiseModel()) {
            Table table = LearningRateScheduleTest.noise();

            assertThatThrownBy(() -> model.fit(table, earlyStopping(), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("earlyStopping monitors the weighted total validation loss, but"
                            + " this fit has no validation split. Add validationSplit(0.2) to"
                            + " fit(), or monitor the training loss with trainingLoss().");
            assertThatThrownBy(() -> model.fit(table, earlyStopping(validationLoss("y")),
                    quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("earlyStopping monitors the validation loss of task 'y', but"
                            + " this fit has no validation split. Add validationSplit(0.2) to"
                            + " fit(), or monitor the training loss with trainingLoss(\"y\").");
            assertThatThrownBy(() -> model.fit(table, validationSplit(0.2),
                    earlyStopping(validationLoss("stars")), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("earlyStopping monitors task 'stars', which the model does not"
                            + " have. Received tasks: [y]. Use one of them.");
            assertThatThrownBy(() -> model.fit(table, validationSplit(0.2),
                    earlyStopping(monitor("y", rmse())), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("earlyStopping monitors the rmse of task 'y', which is not among"
                            + " its metrics []. Add .metric(rmse()) to task 'y', or monitor"
                            + " validationLoss(\"y\").");
            assertThatThrownBy(() -> earlyStopping(validationLoss()).patience(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("patience must be at least 1. Received: patience(0). Use e.g."
                            + " patience(3).");
            assertThat(model.parts()).as("nothing trained").isEmpty();
        }
    }

    @Test
    void trainingLossNeedsNoValidationSplit() {
        try (MultiTaskModel model = LearningRateScheduleTest.noiseModel()) {
            TrainingRun run = model.fit(LearningRateScheduleTest.noise(), epochs(3),
                    earlyStopping(trainingLoss()).patience(5), quiet());

            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.COMPLETED);
            assertThat(run.epochsRun()).isEqualTo(3);
        }
    }
}
