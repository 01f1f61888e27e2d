package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Numbers that float32 cannot train on are rejected before training with the column, row and
 * value: regression labels beyond ±1.8e19 (their square overflows float32) and numeric inputs
 * whose standardised value is beyond it or whose statistics overflow a double.
 */
class OutOfRangeNumbersTest {

    private static Table table(double label, double feature) {
        return Table.create("data",
                DoubleColumn.create("x", 1.0, 2.0, feature, 4.0, 5.0, 6.0),
                DoubleColumn.create("y", 1.0, 2.0, 3.0, label, 5.0, 6.0));
    }

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x")).trunk(dense(4), relu())
                .task("y").head(dense(1)).loss(mse())
                .build();
    }

    @Test
    void aLabelInfiniteAsFloat32IsRejectedBeforeTraining() {
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(table(1e39, 3.0), epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Task 'y' has label 1.0E39 in row 3 of column 'y', too large to"
                            + " train on: regression labels must lie within ±1.8e19 so that their"
                            + " squared error stays finite in float32. Rescale the column (e.g."
                            + " divide it by 1e20 or take its logarithm), or drop that row.");
            assertThat(model.parts()).isEmpty();
            assertThat(model.history().isEmpty()).isTrue();
        }
    }

    @Test
    void aLabelWhoseSquareOverflowsFloat32IsRejected() {
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(table(-1e20, 3.0), epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Task 'y' has label -1.0E20 in row 3 of column 'y',"
                            + " too large to train on");
        }
    }

    @Test
    void aLabelInTheValidationSplitIsCheckedToo() {
        // every row is checked at the first fit, wherever the split puts it
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(table(1e39, 3.0), epochs(1), quiet(),
                    validationSplit(0.5)))
                    .hasMessageStartingWith("Task 'y' has label 1.0E39 in row 3");
        }
    }

    @Test
    void aLabelOutOfRangeInALaterFitOrInEvaluateIsRejected() {
        try (MultiTaskModel model = model()) {
            model.fit(table(4.0, 3.0), epochs(1), quiet());

            assertThatThrownBy(() -> model.fit(table(1e39, 3.0), epochs(1), quiet()))
                    .hasMessageStartingWith("Task 'y' has label 1.0E39 in row 3");
            assertThatThrownBy(() -> model.evaluate(table(1e39, 3.0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Task 'y' has label 1.0E39 in row 3");
            assertThat(model.history().epochs()).hasSize(1);
        }
    }

    @Test
    void aHugeNumericInputIsStandardisedInDoublePrecisionAndTrains() {
        // 1e39 is infinite as float32, but standardising first brings it near the others
        try (MultiTaskModel model = model()) {
            TrainingRun run = model.fit(table(4.0, 1e39), epochs(3), quiet());

            assertThat(run.history().epochs()).allSatisfy(epoch -> assertThat(
                    epoch.task("y").trainLoss()).isFinite());
            double[] predicted = model.predict(table(4.0, 1e39)).doubleColumn("y")
                    .asDoubleArray();
            assertThat(java.util.Arrays.stream(predicted).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Test
    void aNumericInputWhoseStatisticsOverflowIsRejected() {
        Table table = table(4.0, 1e300);
        table.doubleColumn("x").set(4, -1e300);
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(table, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'x' is too large to standardise: its mean or standard"
                            + " deviation overflows a double (largest value: 1.0E300 at row 2)."
                            + " Rescale the column (e.g. divide it by 1e150 or take its"
                            + " logarithm).");
        }
    }

    @Test
    void anInputFarOutsideTheTrainingDataIsRejectedAtPredict() {
        try (MultiTaskModel model = model()) {
            model.fit(table(4.0, 3.0), epochs(1), quiet());

            // training x = 1..6: mean 3.5, std 1.707825127659933
            assertThatThrownBy(() -> model.predict(table(4.0, 1e39)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'x' has value 1.0E39 in row 2, which standardises to"
                            + " 5.855400437691199E38 (training mean 3.5, std 1.707825127659933):"
                            + " standardised inputs must lie within ±1.8e19 so that the"
                            + " network's float32 arithmetic stays finite. Drop that row, or"
                            + " rescale the column (e.g. take its logarithm) so that the"
                            + " training rows cover its range.");
        }
    }
}
