package org.mtl4j.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Console progress: on a terminal a progress line refreshed in place at most twice a second,
 * and always one summary line per epoch (time, then per task the training loss, the validation
 * loss when there is one, and the metrics).
 *
 * <p>Example lines:
 *
 * <pre>
 * [#######-------------]  35% epoch 3/10 step 12/25  820 steps/s  0:01 left  task1 0.4123
 * epoch   3/10  0.21 s  task1 0.4123 (val 0.4410) mae 0.5012  task2 0.2051 (val 0.2248)
 * </pre>
 */
final class ConsoleProgress implements FitListener {

    private static final long REFRESH_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private List<String> tasks = List.of();
    private int epochs;
    private long lastLine;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void fitStarted(FitInfo info) {
        epochs = info.firstEpoch() - 1 + info.epochs();
        tasks = info.tasks();
    }

    @Override
    public void stepEnded(StepProgress progress) {
        long now = System.nanoTime();
        if (terminal && now - lastLine >= REFRESH_NANOS) {
            lastLine = now;
            out.print("\r" + progressLine(progress, epochs, tasks) + "\u001b[K");
            out.flush();
        }
    }

    @Override
    public void epochEnded(EpochRecord epoch, TrainingHistory history) {
        out.println((terminal ? "\r\u001b[K" : "") + line(epoch, epochs));
    }

    @Override
    public void fitWaiting(String runningFit) {
        out.println("waiting for " + runningFit + " to end: one fit at a time per JVM.");
    }

    @Override
    public void fitEnded(TrainingRun run) {
        if (run.interrupted()) {
            out.println((terminal ? "\r\u001b[K" : "") + "interrupted: kept " + run.epochsRun()
                    + " completed epoch" + (run.epochsRun() == 1 ? "" : "s") + " of this fit.");
        } else if (run.stopReason().kind() != StopReason.Kind.COMPLETED
                || run.stopReason().restoredEpoch() > 0 || run.skippedSteps() > 0) {
            out.println((terminal ? "\r\u001b[K" : "") + run.stopReason()
                    + (run.skippedSteps() > 0 ? "; " + run.skippedSteps()
                            + " non-finite steps skipped" : "") + ".");
        }
    }

    /** The in-place progress line: bar, position, rate, time left, this step's losses. */
    static String progressLine(StepProgress progress, int epochs, List<String> tasks) {
        int percent = (int) (100L * progress.fitStep() / Math.max(1, progress.fitSteps()));
        int filled = percent / 5;
        StringBuilder line = new StringBuilder("[")
                .append("#".repeat(filled)).append("-".repeat(20 - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%% epoch %d/%d step %d/%d  %.0f steps/s  %s left",
                        percent, progress.epoch(), epochs, progress.step(),
                        progress.stepsPerEpoch(), progress.stepsPerSecond(),
                        clock(progress.secondsLeft())));
        double[] losses = progress.losses();
        for (int t = 0; t < tasks.size(); t++) {
            if (!Double.isNaN(losses[t])) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", tasks.get(t), losses[t]));
            }
        }
        return line.toString();
    }

    /** Seconds as m:ss (or h:mm:ss); "?" when unknown. */
    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long total = Math.round(seconds);
        return total >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60,
                        total % 60)
                : String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }

    static String line(EpochRecord epoch, int epochs) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "epoch %3d/%d  %.2f s", epoch.epoch(), epochs, epoch.seconds()));
        for (TaskEpoch task : epoch.tasks()) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", task.task(), task.trainLoss()));
            if (!Double.isNaN(task.validationLoss())) {
                line.append(String.format(Locale.ROOT, " (val %.4f)", task.validationLoss()));
            }
            for (Map.Entry<String, Double> metric : task.metrics().entrySet()) {
                line.append(String.format(
                        Locale.ROOT, " %s %.4f", metric.getKey(), metric.getValue()));
            }
        }
        return line.toString();
    }
}
