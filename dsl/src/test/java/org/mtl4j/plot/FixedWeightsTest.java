package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;

@Tag("unit")
class FixedWeightsTest {

    /** Two epochs of two steps each; {@code weights[step]} are the tasks' weights at a step. */
    private static TrainingHistory history(List<String> tasks, double[]... weights) {
        TrainingHistory history = TrainingHistory.empty(tasks);
        double[] losses = new double[tasks.size()];
        for (int e = 1; e <= 2; e++) {
            List<StepRecord> steps = List.of(
                    new StepRecord(2 * e - 1, e, losses, weights[2 * e - 2]),
                    new StepRecord(2 * e, e, losses, weights[2 * e - 1]));
            history = history.plus(steps, new EpochRecord(e, tasks.stream()
                    .map(t -> new TaskEpoch(t, 1, Double.NaN, 1, Map.of())).toList(), 0.1));
        }
        return history;
    }

    @Test
    void equalWeightsSayAllTasksAndTheirValue() {
        double[] ones = {1, 1, 1};
        assertThat(FixedWeights.of(history(List.of("a", "b", "c"), ones, ones, ones, ones)))
                .contains("all tasks 1 at every step");
    }

    @Test
    void fixedUnequalWeightsNameEachTask() {
        double[] fixed = {1, 0.25};
        assertThat(FixedWeights.of(history(List.of("a", "b"), fixed, fixed, fixed, fixed)))
                .contains("a 1, b 0.25 at every step");
    }

    @Test
    void aWeightThatChangesOnceIsNotFixed() {
        double[] ones = {1, 1};
        assertThat(FixedWeights.of(history(List.of("a", "b"), ones, ones, ones,
                new double[] {1, 1.0000001}))).isEmpty();
    }

    @Test
    void anEmptyHistoryHasNoFixedWeights() {
        assertThat(FixedWeights.of(TrainingHistory.empty(List.of("a")))).isEmpty();
    }
}
