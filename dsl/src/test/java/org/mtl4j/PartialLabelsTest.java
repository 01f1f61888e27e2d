package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.train.TrainingHistory;
import tech.tablesaw.api.Table;

/** A missing label leaves the row out of that task only. */
class PartialLabelsTest {

    private static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(16), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae())
                .task("kind").head(dense(2)).loss(crossEntropy()).metric(accuracy())
                .build();
    }

    @Test
    void unlabelledRowsCountNeitherInLossNorInMetrics() {
        Table data = PartialData.table(300, 3, 11);
        try (MultiTaskModel model = model()) {
            model.fit(data, epochs(3), quiet());
            Table labelledOnly = data.where(data.stringColumn("kind").isNotMissing());

            Table all = model.evaluate(data);
            Table subset = model.evaluate(labelledOnly);

            // the 'kind' loss and accuracy over all rows are those over its labelled rows
            assertThat(all.intColumn("rows").get(1)).isEqualTo(100);
            assertThat(all.doubleColumn("loss").get(1))
                    .isCloseTo(subset.doubleColumn("loss").get(1), within(1e-6));
            assertThat(all.doubleColumn("accuracy").get(1))
                    .isEqualTo(subset.doubleColumn("accuracy").get(1));
            // while 'y' counts every row
            assertThat(all.intColumn("rows").get(0)).isEqualTo(300);
        }
    }

    @Test
    void bothTasksLearnAndStepLossesIgnoreUnlabelledRows() {
        Table data = PartialData.table(600, 3, 11);
        try (MultiTaskModel model = model()) {
            TrainingHistory history = model.fit(data, epochs(30), adam(1e-2),
                    validationSplit(0.25), quiet()).history();

            assertThat(history.lastEpoch().task("y").metrics().get("mae")).isLessThan(0.3);
            assertThat(history.lastEpoch().task("kind").metrics().get("accuracy"))
                    .isGreaterThan(0.85);
            // the fully labelled task has a real loss at every step
            assertThat(history.steps()).allMatch(s -> !Double.isNaN(s.loss(0)));
        }
    }

    @Test
    void withoutValidationTheMetricsRunOverTheEpochsStepsInRowOrder() {
        // GIVEN a fit that barely moves the model, the running metrics of its last epoch are
        // those of an evaluation of the same rows
        Table data = PartialData.table(300, 3, 11);
        try (MultiTaskModel model = model()) {
            model.fit(data, epochs(3), adam(1e-2), quiet());
            TrainingHistory history = model.fit(data, epochs(1), batchSize(32), sgd(1e-9),
                    quiet()).history();

            Table evaluated = model.evaluate(data);
            assertThat(history.lastEpoch().task("y").metrics().get("mae"))
                    .isCloseTo(evaluated.doubleColumn("mae").get(0), within(1e-5));
            assertThat(history.lastEpoch().task("kind").metrics().get("accuracy"))
                    .isEqualTo(evaluated.doubleColumn("accuracy").get(1));
            assertThat(Double.isNaN(history.lastEpoch().task("y").validationLoss())).isTrue();
        }
    }

    @Test
    void stepLossOfAPartialTaskIsTheMeanOverItsLabelledRows() {
        // One step over all rows with a vanishing learning rate: the recorded training loss of
        // 'kind' must equal the evaluated loss over the labelled rows (no dropout in the model).
        Table data = PartialData.table(90, 3, 11);
        try (MultiTaskModel model = model()) {
            TrainingHistory history = model.fit(data, epochs(1), batchSize(90), sgd(1e-12),
                    quiet()).history();
            Table labelledOnly = data.where(data.stringColumn("kind").isNotMissing());

            double evaluated = model.evaluate(labelledOnly).doubleColumn("loss").get(1);

            assertThat(history.steps()).hasSize(1);
            assertThat(history.steps().get(0).loss(1)).isCloseTo(evaluated, within(1e-5));
            assertThat(history.lastEpoch().task("kind").trainLoss())
                    .isCloseTo(evaluated, within(1e-5));
        }
    }

    @Test
    void aModelWithoutTrunkFeedsTheFeaturesToEveryHead() {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .task("y").head(dense(1)).loss(mse())
                .task("kind").head(dense(4), relu(), dense(2)).loss(crossEntropy())
                .build()) {
            TrainingHistory history = model.fit(PartialData.table(200, 3, 11), epochs(20), adam(3e-2), quiet())
                    .history();

            assertThat(history.lastEpoch().task("y").trainLoss()).isLessThan(0.05);
            assertThat(model.summary()).contains("trunk: [] (0 parameters)");
        }
    }
}
