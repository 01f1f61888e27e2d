package org.mtl4j.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one line per epoch: time, then per task the training loss, the validation loss when
 * there is one, and the metrics.
 *
 * <p>Example line: {@code epoch  3/10  0.21 s  task1 0.4123 (val 0.4410)  task2 0.2051 (val
 * 0.2248)}
 */
final class ConsoleProgress implements TrainingListener {

    private final PrintStream out;
    private int epochs;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void fitStarted(FitInfo info) {
        epochs = info.firstEpoch() - 1 + info.epochs();
    }

    @Override
    public void epochEnded(EpochRecord epoch, TrainingHistory history) {
        out.println(line(epoch, epochs));
    }

    @Override
    public void fitEnded(TrainingRun run) {
        if (run.interrupted()) {
            out.println("interrupted: kept " + run.epochsRun() + " completed epoch"
                    + (run.epochsRun() == 1 ? "" : "s") + " of this fit.");
        }
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
