package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConsoleProgressTest {

    @Test
    void progressLineShowsBarPositionRateTimeLeftAndLosses() {
        StepProgress progress = new StepProgress(3, 12, 25, 62, 250, 2.0,
                () -> new double[] {0.41234, Double.NaN});

        String line = ConsoleProgress.progressLine(progress, 10, List.of("task1", "task2"));

        assertThat(line).isEqualTo(
                "[####----------------]  24% epoch 3/10 step 12/25  31 steps/s  0:06 left"
                        + "  task1 0.4123");
    }

    @Test
    void epochLineShowsLossesValidationAndMetrics() {
        EpochRecord epoch = new EpochRecord(3, List.of(
                new TaskEpoch("task1", 0.41234, 0.44101, 1, Map.of("mae", 0.50123)),
                new TaskEpoch("task2", 0.20512, Double.NaN, 1, Map.of())), 0.214);

        assertThat(ConsoleProgress.line(epoch, 10)).isEqualTo(
                "epoch   3/10  0.21 s  task1 0.4123 (val 0.4410) mae 0.5012  task2 0.2051");
    }

    @Test
    void withoutATerminalOnlyEpochLinesArePrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress console =
                new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        console.fitStarted(new FitInfo(List.of("a"), "cpu()", 1, 1, 2, 1, 10, 0));

        console.stepEnded(new StepProgress(1, 1, 1, 1, 2, 0.1, () -> new double[] {1}));
        console.epochEnded(new EpochRecord(1, List.of(
                new TaskEpoch("a", 1, Double.NaN, 1, Map.of())), 0.1), null);

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("epoch   1/2  0.10 s  a 1.0000" + System.lineSeparator());
    }

    @Test
    void saysWhatAFitWaitsForAndWhyItEndedEarly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress console =
                new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        TrainingHistory history = TrainingHistory.empty(List.of("a")).plus(List.of(),
                new EpochRecord(1, List.of(new TaskEpoch("a", 1, 2, 1, Map.of())), 0.1));

        console.fitWaiting("the fit of the model with tasks [b] on thread 'w' (epoch 2 of 5)");
        console.fitEnded(new TrainingRun(history, 1, "cpu()", 0.1,
                new StopReason(StopReason.Kind.STOP_REQUESTED, 1, "good enough", 0), 2));
        console.fitEnded(new TrainingRun(history, 1, "cpu()", 0.1, StopReason.completed(1), 0));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("waiting for the fit of the"
                + " model with tasks [b] on thread 'w' (epoch 2 of 5) to end: one fit at a time"
                + " per JVM." + System.lineSeparator() + "stopped on request after epoch 1: good"
                + " enough; 2 non-finite steps skipped." + System.lineSeparator());
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertThat(ConsoleProgress.clock(5.4)).isEqualTo("0:05");
        assertThat(ConsoleProgress.clock(3725)).isEqualTo("1:02:05");
        assertThat(ConsoleProgress.clock(Double.NaN)).isEqualTo("?");
    }
}
