package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
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
    void stopReasonsReadAsSentences() {
        TrainingRun interrupted = new TrainingRun(run(List.of("a"), 0.5).history(), 1, "cpu()",
                0.1, true);
        StopReason early = new StopReason(StopReason.Kind.EARLY_STOPPING, 9,
                "the validation loss of task 'a' did not improve on 0.25 (epoch 6) for 3 epochs",
                0).restoring(6);

        assertThat(interrupted.stopReason().kind()).isEqualTo(StopReason.Kind.INTERRUPTED);
        assertThat(interrupted.stopReason()).hasToString("interrupted after epoch 1");
        assertThat(run(List.of("a"), 0.5).stopReason()).hasToString("completed");
        assertThat(early).hasToString("early stopping at epoch 9: the validation loss of task 'a'"
                + " did not improve on 0.25 (epoch 6) for 3 epochs; best epoch 6 restored");
        assertThat(new TrainingRun(run(List.of("a"), 0.5).history(), 1, "cpu()", 0.1,
                StopReason.completed(1), 4).toString())
                .startsWith("TrainingRun[1 epochs on cpu() in 0.1 s, completed, 4 non-finite"
                        + " steps skipped]");
        assertThat(run(List.of("a"), 0.5).withSingleTask(run(List.of("a"), 0.4)).stopReason())
                .isEqualTo(StopReason.completed(1));
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
