package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;

/**
 * XChart charts of a training history (no I/O here; see {@link ChartFiles} to save them):
 *
 * <ul>
 *   <li>{@link #loss}: per-task loss per epoch, training solid, validation dashed, optional log
 *       scale;
 *   <li>{@link #weights}: the weight each task got at every step;
 *   <li>{@link #metrics}: every task metric per epoch;
 *   <li>{@link #gates}: the mean weight each task's gate gives each expert (models with experts).
 * </ul>
 *
 * A task keeps its colour ({@link TaskColors}) in all charts; legends sit outside the data.
 *
 * <p>Example:
 *
 * <pre>{@code
 * XYChart loss = Charts.loss(run.history(), Charts.Scale.LOG);
 * ChartFiles.savePng(loss, Path.of("loss.png"));
 * }</pre>
 */
public final class Charts {

    /** The y axis of a loss chart. */
    public enum Scale {
        /** Linear y axis. */
        LINEAR,
        /** Logarithmic y axis (losses spanning orders of magnitude). */
        LOG
    }

    /** Default chart width in pixels. */
    public static final int WIDTH = 720;

    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;

    private Charts() {}

    /** Per-task loss per epoch on a linear scale. */
    public static XYChart loss(TrainingHistory history) {
        return loss(history, Scale.LINEAR);
    }

    /**
     * Per-task loss per epoch: training solid, validation dashed. Losses are in the units the
     * tasks train in: a regression task's in standard deviations of its target (unless it was
     * declared with {@code .scaleTarget(false)}); its MAE and RMSE ({@link #metrics}) are in the
     * target's own units.
     */
    public static XYChart loss(TrainingHistory history, Scale scale) {
        XYChart chart = chart("Loss per task", "epoch", "loss");
        chart.getStyler().setYAxisLogarithmic(scale == Scale.LOG);
        List<String> tasks = history.tasks();
        for (int t = 0; t < tasks.size(); t++) {
            String task = tasks.get(t);
            boolean log = scale == Scale.LOG;
            addEpochSeries(chart, history, task, task + " (train)",
                    e -> positiveIf(log, e.trainLoss()), t, false);
            if (history.hasValidation()) {
                addEpochSeries(chart, history, task, task + " (validation)",
                        e -> positiveIf(log, e.validationLoss()), t, true);
            }
        }
        return chart;
    }

    /** The weight each task got at every step. */
    public static XYChart weights(TrainingHistory history) {
        XYChart chart = chart("Task weights", "step", "weight");
        chart.getStyler().setYAxisMin(0.0);
        List<String> tasks = history.tasks();
        for (int t = 0; t < tasks.size(); t++) {
            List<Double> steps = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (StepRecord step : history.steps()) {
                steps.add((double) step.step());
                weights.add(step.weight(t));
            }
            style(add(chart, tasks.get(t), steps, weights), t, false);
        }
        return chart;
    }

    /**
     * The learning rate at every step, as the fit's schedule set it (flat without one).
     *
     * @throws IllegalArgumentException for a history without recorded rates
     */
    public static XYChart learningRate(TrainingHistory history) {
        return LearningRateChart.of(history);
    }

    /** Every task metric per epoch (validation split when there is one). */
    public static XYChart metrics(TrainingHistory history) {
        XYChart chart = chart("Metrics per task", "epoch", "value");
        List<String> tasks = history.tasks();
        for (int t = 0; t < tasks.size(); t++) {
            String task = tasks.get(t);
            List<String> metrics = history.isEmpty()
                    ? List.of()
                    : List.copyOf(history.lastEpoch().task(task).metrics().keySet());
            for (int m = 0; m < metrics.size(); m++) {
                String metric = metrics.get(m);
                addEpochSeries(chart, history, task, task + " " + metric,
                        e -> e.metrics().getOrDefault(metric, Double.NaN), t, m % 2 == 1);
            }
        }
        return chart;
    }

    /**
     * The mean gate weight per expert, one bar series per gate, from {@code
     * model.gateWeights(table)} (columns {@code level, task, expert, weight}). Experts a gate does
     * not mix (another task's own experts in CGC/PLE) show 0. A series is named by its task, with
     * the level when there are several.
     *
     * <p>Example: {@code Charts.gates(model.gateWeights(test))}
     *
     * @throws IllegalArgumentException if a column is missing
     */
    public static CategoryChart gates(tech.tablesaw.api.Table gateWeights) {
        for (String column : List.of("level", "task", "expert", "weight")) {
            if (!gateWeights.columnNames().contains(column)) {
                throw new IllegalArgumentException("Charts.gates() needs the columns level, task,"
                        + " expert, weight. Received: columns=" + gateWeights.columnNames()
                        + ". Pass model.gateWeights(table).");
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Mean gate weight per expert").xAxisTitle("expert")
                .yAxisTitle("mean gate weight").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        List<String> experts = new ArrayList<>(new java.util.LinkedHashSet<>(
                gateWeights.stringColumn("expert").asList()));
        boolean levels = gateWeights.intColumn("level").countUnique() > 1;
        java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
        for (int r = 0; r < gateWeights.rowCount(); r++) {
            String task = gateWeights.stringColumn("task").get(r);
            String name = levels ? task + " (level " + gateWeights.intColumn("level").get(r) + ")"
                    : task;
            series.computeIfAbsent(name, n -> new double[experts.size()])
                    [experts.indexOf(gateWeights.stringColumn("expert").get(r))] =
                    gateWeights.doubleColumn("weight").get(r);
        }
        int index = 0;
        for (java.util.Map.Entry<String, double[]> entry : series.entrySet()) {
            List<Double> weights = new ArrayList<>();
            for (double weight : entry.getValue()) {
                weights.add(weight);
            }
            chart.addSeries(entry.getKey(), experts, weights)
                    .setFillColor(TaskColors.of(index++));
        }
        return chart;
    }

    /** On a log axis a loss of exactly 0 cannot be drawn: it is left out (NaN). */
    private static double positiveIf(boolean log, double value) {
        return log && !(value > 0) ? Double.NaN : value;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setMarkerSize(4);
        styler.setXAxisTickMarkSpacingHint(70);
        return chart;
    }

    private static void addEpochSeries(
            XYChart chart,
            TrainingHistory history,
            String task,
            String name,
            ToDoubleFunction<TaskEpoch> value,
            int color,
            boolean dashed) {
        List<Double> epochs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (EpochRecord epoch : history.epochs()) {
            double v = value.applyAsDouble(epoch.task(task));
            if (!Double.isNaN(v)) {
                epochs.add((double) epoch.epoch());
                values.add(v);
            }
        }
        style(add(chart, name, epochs, values), color, dashed);
    }

    private static XYSeries add(XYChart chart, String name, List<Double> x, List<Double> y) {
        if (x.isEmpty()) {
            return chart.addSeries(name, new double[] {0}, new double[] {Double.NaN});
        }
        return chart.addSeries(name, x, y);
    }

    private static void style(XYSeries series, int color, boolean dashed) {
        series.setLineColor(TaskColors.of(color));
        series.setMarkerColor(TaskColors.of(color));
        series.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        series.setMarker(SeriesMarkers.NONE);
    }
}
