package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StopReason;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;

@Tag("unit")
class RunHtmlStopTest {

    private static TrainingHistory history(int epochs) {
        TrainingHistory history = TrainingHistory.empty(List.of("a"));
        for (int e = 1; e <= epochs; e++) {
            history = history.plus(List.of(), new EpochRecord(e,
                    List.of(new TaskEpoch("a", 1.0 / e, 1.5 / e, 1, Map.of())), 0.1, 0.01));
        }
        return history;
    }

    @Test
    void earlyStoppingAndTheRestoredEpochAreReported() {
        StopReason reason = new StopReason(StopReason.Kind.EARLY_STOPPING, 9,
                "the validation loss of task 'a' did not improve on 0.25 (epoch 6) for 3 epochs",
                0).restoring(6);
        TrainingRun run = new TrainingRun(history(9), 9, "cpu()", 1.0, reason, 0);

        String expected = "Ended: early stopping at epoch 9: the validation loss of task 'a'"
                + " did not improve on 0.25 (epoch 6) for 3 epochs; best epoch 6 restored";
        assertThat(RunHtml.text(run)).contains("\n  " + expected + "\n");
        assertThat(RunHtml.of(run)).contains("<div class=\"mtl4j-stop\">"
                + expected + "</div>");
    }

    @Test
    void aCompletedRunSaysNothingMoreButSkippedStepsAreCounted() {
        TrainingRun done = new TrainingRun(history(2), 2, "cpu()", 1.0,
                StopReason.completed(2), 0);
        TrainingRun skipped = new TrainingRun(history(2), 2, "cpu()", 1.0,
                StopReason.completed(2), 3);

        assertThat(RunHtml.of(done)).doesNotContain("mtl4j-stop");
        assertThat(RunHtml.text(skipped)).contains(
                "Ended: completed; 3 steps skipped for non-finite values");
    }
}
