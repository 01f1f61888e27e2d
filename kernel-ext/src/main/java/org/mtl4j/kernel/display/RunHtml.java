package org.mtl4j.kernel.display;

import java.util.List;
import java.util.Map;
import org.mtl4j.plot.Charts;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StopReason;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingRun;

/**
 * A training run as a compact report: how long and where it trained, why it stopped when it did
 * not simply run all its epochs (early stopping and the epoch restored, a stop request, an
 * interrupt, divergence, skipped steps), the last epoch's figures per task, and the loss and
 * task-weight charts inline.
 *
 * <p>Example: {@code RunHtml.of(run)} starts with "40 epochs on cpu() in 1.4 s".
 */
public final class RunHtml {

    private RunHtml() {}

    /** The report. */
    public static String of(TrainingRun run) {
        StringBuilder html = new StringBuilder("<div class=\"mtl4j-run\"><b>")
                .append(run.epochsRun()).append(" epochs on ").append(Html.escape(run.device()))
                .append(" in ").append(String.format(java.util.Locale.ROOT, "%.1f", run.seconds()))
                .append(" s</b>").append(run.interrupted() ? " (interrupted)" : "");
        String stop = stopLine(run);
        if (stop != null) {
            html.append("<div class=\"mtl4j-stop\">").append(Html.escape(stop)).append("</div>");
        }
        if (run.history().isEmpty()) {
            return html.append("</div>").toString();
        }
        EpochRecord last = run.history().lastEpoch();
        List<String> metrics = run.history().metricNames();
        html.append("<table><thead><tr><th>task (epoch ").append(last.epoch())
                .append(")</th><th>train loss</th><th>validation loss</th><th>weight</th>");
        boolean baselines = !run.singleTask().isEmpty();
        for (String m : metrics) {
            html.append("<th>").append(Html.escape(m)).append("</th>");
            if (baselines) {
                html.append("<th>single-task ").append(Html.escape(m)).append("</th><th>Δ ")
                        .append(Html.escape(m)).append("</th>");
            }
        }
        html.append("</tr></thead><tbody>");
        for (TaskEpoch task : last.tasks()) {
            html.append("<tr><td>").append(Html.escape(task.task())).append("</td><td>")
                    .append(Html.number(task.trainLoss())).append("</td><td>")
                    .append(Html.number(task.validationLoss())).append("</td><td>")
                    .append(Html.number(task.weight())).append("</td>");
            Map<String, Double> values = task.metrics();
            TaskEpoch single = run.singleTask().get(task.task());
            for (String m : metrics) {
                html.append("<td>").append(Html.number(values.getOrDefault(m, Double.NaN)))
                        .append("</td>");
                if (baselines) {
                    double theirs = single == null ? Double.NaN
                            : single.metrics().getOrDefault(m, Double.NaN);
                    html.append("<td>").append(Html.number(theirs)).append("</td><td>")
                            .append(Html.signed(run.delta(task.task(), m))).append("</td>");
                }
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>")
                .append(Html.image(Charts.loss(run.history(), Charts.Scale.LOG)))
                .append(Html.image(Charts.weights(run.history())));
        return html.append("</div>").toString();
    }

    /**
     * Why the fit stopped, e.g. "Ended: early stopping at epoch 9: ...; best epoch 6
     * restored", or null for a fit that ran all its epochs with nothing skipped or restored.
     */
    static String stopLine(TrainingRun run) {
        StopReason reason = run.stopReason();
        if (reason.kind() == StopReason.Kind.COMPLETED && reason.restoredEpoch() == 0
                && run.skippedSteps() == 0) {
            return null;
        }
        return "Ended: " + reason + (run.skippedSteps() > 0
                ? "; " + run.skippedSteps() + " steps skipped for non-finite values" : "");
    }

    /**
     * A text summary: the run's line, why it stopped early, then per task its last losses and
     * metrics.
     */
    public static String text(TrainingRun run) {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "TrainingRun: %d epochs on %s in %.1f s%s", run.epochsRun(), run.device(),
                run.seconds(), run.interrupted() ? " (interrupted)" : ""));
        String stop = stopLine(run);
        if (stop != null) {
            text.append("\n  ").append(stop);
        }
        if (!run.history().isEmpty()) {
            for (TaskEpoch task : run.history().lastEpoch().tasks()) {
                text.append(String.format(java.util.Locale.ROOT, "\n  %s: train loss %.4g",
                        task.task(), task.trainLoss()));
                if (!Double.isNaN(task.validationLoss())) {
                    text.append(String.format(java.util.Locale.ROOT, ", validation loss %.4g",
                            task.validationLoss()));
                }
                for (Map.Entry<String, Double> metric : task.metrics().entrySet()) {
                    text.append(", ").append(metric.getKey()).append(' ')
                            .append(Html.number(metric.getValue()));
                }
            }
        }
        return text.toString();
    }
}
