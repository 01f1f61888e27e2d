package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("unit")
class TrainingHistoryTest {

    @Test
    void convertsToEpochAndStepTables() {
        TrainingHistory history = TrainingHistory.empty(List.of("a", "b")).plus(
                List.of(new StepRecord(1, 1, new double[] {0.5, Double.NaN},
                        new double[] {1, 2})),
                new EpochRecord(1, List.of(
                        new TaskEpoch("a", 0.5, Double.NaN, 1, Map.of("mae", 0.4)),
                        new TaskEpoch("b", 0.7, Double.NaN, 2, Map.of("accuracy", 0.9))), 0.2));

        Table epochs = history.toTable();
        Table steps = history.stepsTable();

        assertThat(epochs.columnNames()).containsExactly("epoch", "task", "train_loss",
                "validation_loss", "weight", "accuracy", "mae");
        assertThat(epochs.rowCount()).isEqualTo(2);
        assertThat(epochs.doubleColumn("mae").get(0)).isEqualTo(0.4);
        assertThat(epochs.doubleColumn("mae").isMissing(1)).isTrue();
        assertThat(steps.columnNames()).containsExactly("step", "epoch", "task", "loss",
                "weight");
        assertThat(steps.doubleColumn("weight").asDoubleArray()).containsExactly(1, 2);
        assertThat(steps.doubleColumn("loss").isMissing(1)).isTrue();
    }

    @Test
    void isImmutable() {
        TrainingHistory empty = TrainingHistory.empty(List.of("a"));
        TrainingHistory one = empty.plus(List.of(), new EpochRecord(1, List.of(
                new TaskEpoch("a", 1, Double.NaN, 1, Map.of())), 0.1));

        assertThat(empty.epochs()).isEmpty();
        assertThat(one.epochs()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> one.epochs().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
