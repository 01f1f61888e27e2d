package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    private static TrainingRun run(List<String> tasks, double accuracy) {
        List<TaskEpoch> figures = tasks.stream()
                .map(t -> new TaskEpoch(t, 0.5, 0.6, 1, Map.of("accuracy", accuracy)))
                .toList();
        TrainingHistory history = TrainingHistory.empty(tasks)
                .plus(List.of(), new EpochRecord(1, figures, 0.1));
        return new TrainingRun(history, 1, "cpu()", 0.1, false);
    }

    @Test
    void singleTaskBaselinesGiveDeltasPerTaskAndMetric() {
        TrainingRun multi = run(List.of("sentiment", "domain"), 0.82);

        TrainingRun compared = multi.withSingleTask(run(List.of("sentiment"), 0.80),
                run(List.of("domain"), 0.85));

        assertThat(compared.delta("sentiment", "accuracy")).isCloseTo(0.02, within(1e-12));
        assertThat(compared.delta("domain", "accuracy")).isCloseTo(-0.03, within(1e-12));
        assertThat(compared.delta("domain", "mae")).isNaN();
        assertThat(multi.delta("sentiment", "accuracy")).isNaN();
    }

    @Test
    void aBaselineMustShareATask() {
        TrainingRun multi = run(List.of("sentiment", "domain"), 0.82);

        assertThatThrownBy(() -> multi.withSingleTask(run(List.of("stars"), 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withSingleTask() needs trained runs of this run's tasks [sentiment,"
                        + " domain]. Received a run of [stars]. Pass the runs of single-task"
                        + " models of these tasks.");
    }
}
