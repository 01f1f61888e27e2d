package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;

/**
 * XChart charts of a training history (no I/O here; see {@link ChartFiles} to save them):
 *
 * <ul>
 *   <li>{@link #loss}: per-task loss per epoch, training solid, validation dashed, optional log
 *       scale (labelled at round values: 1, 2, 5 × 10ᵏ, or 1..9 × 10ᵏ and finer over narrow ranges; see
 *       {@link LogTicks});
 *   <li>{@link #weights}: the weight each task got at every step; for strategies that change the
 *       weights within an epoch (MGDA, Nash-MTL…) a centred moving mean over faint raw points;
 *   <li>{@link #metrics}: one panel per metric (small multiples), so scales never mix;
 *   <li>{@link #compare}: several runs' losses and weights overlaid, with a results table;
 *   <li>{@link #gates}: the mean weight each task's gate gives each expert (models with experts),
 *       with the uniform share 1/experts as a reference line.
 * </ul>
 *
 * Every chart has the {@link Theme} look; a task keeps its colour ({@link TaskColors}) in all
 * charts; step and epoch axes are labelled with whole numbers; legends sit outside the data. A
 * chart's {@code toString()} is XChart's; {@link ChartText#of} describes it in words.
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

    /** Width and height of one panel of a small-multiple chart. */
    static final int PANEL_WIDTH = 480;

    static final int PANEL_HEIGHT = 300;

    /** Suffix of the y axis title of log charts (their y data are log₁₀ of the values). */
    static final String LOG_SUFFIX = " (log scale)";

    /**
     * A weight line keeps at most this many points (every k-th step, and the last): a chart is 720
     * pixels wide, so more points draw the same picture, only slower.
     */
    static final int MAX_LINE_POINTS = 720;

    /** The faint per-step points of a smoothed weight chart: at most this many per task. */
    static final int MAX_RAW_POINTS = 1000;

    /** Fewer steps than this are drawn as they are, without a moving mean. */
    static final int MIN_STEPS_TO_SMOOTH = 20;

    private Charts() {}

    /** Per-task loss per epoch on a linear scale. */
    public static XYChart loss(TrainingHistory history) {
        return loss(history, Scale.LINEAR);
    }

    /**
     * Per-task loss per epoch: training solid, validation dashed. On the {@link Scale#LOG} scale
     * the y data are log₁₀ of the losses (labelled with the losses); losses of 0 are left out.
     * Losses are in the units the tasks train in: a regression task's in standard deviations of
     * its target (unless it was declared with {@code .scaleTarget(false)}); its MAE and RMSE
     * ({@link #metrics}) are in the target's own units.
     */
    public static XYChart loss(TrainingHistory history, Scale scale) {
        boolean log = scale == Scale.LOG;
        XYChart chart = chart("Loss per task", "epoch", log ? "loss" + LOG_SUFFIX : "loss",
                WIDTH, HEIGHT);
        List<String> tasks = history.tasks();
        for (int t = 0; t < tasks.size(); t++) {
            String task = tasks.get(t);
            addEpochSeries(chart, history, task, task + " (train)",
                    e -> logIf(log, e.trainLoss()), t, false);
            if (history.hasValidation()) {
                addEpochSeries(chart, history, task, task + " (validation)",
                        e -> logIf(log, e.validationLoss()), t, true);
            }
        }
        AxisTicks.apply(chart, true, log);
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

    /**
     * The weight each task got at every step. Tasks with the same weight at every step share one
     * line named after them ({@code equal()}: one dark grey line "all tasks (a, b)", and the title
     * says "all tasks 1 at every step"; see {@link SameWeights}). When a task's weight changes within an epoch and
     * there are at least {@value #MIN_STEPS_TO_SMOOTH} steps, the line is the centred moving mean
     * over {@link #smoothingWindow} steps (named in the title) and each step is a faint point.
     * Long runs are thinned for drawing: lines keep every k-th step to at most {@value
     * #MAX_LINE_POINTS} points, the faint points at most {@value #MAX_RAW_POINTS} per task (the
     * moving mean is computed over every step).
     */
    public static XYChart weights(TrainingHistory history) {
        List<StepRecord> steps = history.steps();
        boolean smooth = changesWithinEpochs(steps) && steps.size() >= MIN_STEPS_TO_SMOOTH;
        int window = smoothingWindow(steps.size());
        int pointStride = stride(steps.size(), MAX_RAW_POINTS);
        String dots = pointStride == 1 ? "each step" : "every " + ordinal(pointStride) + " step";
        List<String> tasks = history.tasks();
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i).step();
        }
        double[][] y = new double[tasks.size()][steps.size()];
        for (int t = 0; t < tasks.size(); t++) {
            for (int i = 0; i < steps.size(); i++) {
                y[t][i] = steps.get(i).weight(t);
            }
        }
        List<int[]> groups = SameWeights.groups(y);
        XYChart chart = chart(smooth ? "Task weights (line: mean of " + window
                        + " steps; dots: " + dots + ")"
                        : "Task weights" + SameWeights.titleNote(y, groups), "step", "weight",
                WIDTH, HEIGHT);
        chart.getStyler().setYAxisMin(0.0);
        int lineStride = stride(steps.size(), MAX_LINE_POINTS);
        if (smooth) {
            for (int[] group : groups) {
                int t = group[0];
                XYSeries raw = add(chart, SameWeights.name(tasks, group) + " (each step)",
                        every(x, pointStride), every(y[t], pointStride));
                raw.setShowInLegend(false);
                raw.setLineStyle(SeriesLines.NONE);
                raw.setMarker(SeriesMarkers.CIRCLE);
                raw.setMarkerColor(TaskColors.faint(t));
                raw.setLineColor(TaskColors.faint(t));
            }
        }
        for (int[] group : groups) {
            int t = group[0];
            double[] line = smooth ? movingMean(y[t], window) : y[t];
            XYSeries series = add(chart, SameWeights.name(tasks, group), every(x, lineStride),
                    every(line, lineStride));
            style(series, t, false);
            if (group.length > 1 && group.length == tasks.size()) {
                series.setLineColor(Theme.TEXT);
                series.setMarkerColor(Theme.TEXT);
            }
        }
        AxisTicks.apply(chart, true, false);
        return chart;
    }

    /** "2nd", "3rd", "4th", "11th", "21st"… */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    /** The stride that keeps at most {@code max} of {@code n} points (1 keeps every point). */
    static int stride(int n, int max) {
        return Math.max(1, (n + max - 1) / max);
    }

    /** Every {@code stride}-th value from the first, and always the last. */
    static double[] every(double[] values, int stride) {
        if (stride == 1 || values.length == 0) {
            return values;
        }
        int count = (values.length - 1) / stride + 1;
        boolean lastIncluded = (values.length - 1) % stride == 0;
        double[] kept = new double[count + (lastIncluded ? 0 : 1)];
        for (int i = 0; i < count; i++) {
            kept[i] = values[i * stride];
        }
        if (!lastIncluded) {
            kept[count] = values[values.length - 1];
        }
        return kept;
    }

    /**
     * The window of the weight chart's moving mean for {@code steps} steps: about 2% of the steps,
     * odd (so it is centred), at least 5.
     */
    public static int smoothingWindow(int steps) {
        int window = Math.max(5, (int) Math.round(steps / 50.0));
        return window % 2 == 0 ? window + 1 : window;
    }

    /**
     * The centred moving mean of {@code values} over {@code window} points (fewer at both ends,
     * NaN values skipped).
     */
    static double[] movingMean(double[] values, int window) {
        double[] mean = new double[values.length];
        int half = window / 2;
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
                if (!Double.isNaN(values[j])) {
                    sum += values[j];
                    count++;
                }
            }
            mean[i] = count == 0 ? Double.NaN : sum / count;
        }
        return mean;
    }

    /** Whether some task's weight differs between two steps of one epoch. */
    static boolean changesWithinEpochs(List<StepRecord> steps) {
        for (int i = 1; i < steps.size(); i++) {
            StepRecord previous = steps.get(i - 1);
            StepRecord step = steps.get(i);
            if (previous.epoch() == step.epoch()) {
                double[] a = previous.weights();
                double[] b = step.weights();
                for (int t = 0; t < Math.min(a.length, b.length); t++) {
                    if (Double.compare(a[t], b[t]) != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Every task metric per epoch (validation split when there is one): one panel per metric name,
     * each with its own y axis and one line per task that has it, in the task's colour.
     */
    public static ChartGrid metrics(TrainingHistory history) {
        List<String> tasks = history.tasks();
        Map<String, List<String>> tasksByMetric = new LinkedHashMap<>();
        for (EpochRecord epoch : history.epochs()) {
            for (TaskEpoch task : epoch.tasks()) {
                for (String metric : task.metrics().keySet()) {
                    if (TaskEpoch.isErrorBound(metric)) {
                        continue; // a bound, not a metric: the history's table shows it
                    }
                    List<String> names = tasksByMetric.computeIfAbsent(metric,
                            m -> new ArrayList<>());
                    if (!names.contains(task.task())) {
                        names.add(task.task());
                    }
                }
            }
        }
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : tasksByMetric.entrySet()) {
            String metric = entry.getKey();
            XYChart panel = chart(metric, "epoch", metric, PANEL_WIDTH, PANEL_HEIGHT);
            for (String task : entry.getValue()) {
                addEpochSeries(panel, history, task, task,
                        e -> e.metrics().getOrDefault(metric, Double.NaN), tasks.indexOf(task),
                        false);
            }
            AxisTicks.apply(panel, true, false);
            panels.add(panel);
        }
        String title = "Metrics per task" + (history.hasValidation() ? " (validation)" : "");
        return new ChartGrid(title, panels, Math.min(2, Math.max(1, panels.size())));
    }

    /**
     * The mean gate weight per expert, one bar series per gate, from {@code
     * model.gateWeights(table)} (columns {@code level, task, expert, weight}), with a dashed line
     * at the uniform share 1/k of a gate that mixes its k experts evenly (k counts the gate's
     * rows: in CGC/PLE a task's gate mixes the shared experts and its own, a shared gate all of
     * them; gates of different k get a line each, named after their tasks, e.g. "uniform 1/3
     * (click, conversion)" and "uniform 1/4 (shared)"). Experts a gate does not mix (another
     * task's own experts in CGC/PLE) show 0. A series is named by its task, with the level when
     * there are several; bars take the colour of the task's index in the table's task order (the
     * model's task order for {@code model.gateWeights}), lighter for every level before the last.
     * Expert labels turn vertical past eight experts.
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
        Theme.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        List<String> experts = new ArrayList<>(new LinkedHashSet<>(
                gateWeights.stringColumn("expert").asList()));
        if (experts.size() > 8) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        boolean levels = gateWeights.intColumn("level").countUnique() > 1;
        int lastLevel = gateWeights.rowCount() == 0 ? 1 : (int) gateWeights.intColumn("level")
                .max();
        List<String> tasks = new ArrayList<>(new LinkedHashSet<>(
                gateWeights.stringColumn("task").asList()));
        Map<String, double[]> series = new LinkedHashMap<>();
        Map<String, java.awt.Color> colours = new LinkedHashMap<>();
        Map<String, Integer> mixed = new LinkedHashMap<>();
        Map<String, String> gateTask = new LinkedHashMap<>();
        for (int r = 0; r < gateWeights.rowCount(); r++) {
            String task = gateWeights.stringColumn("task").get(r);
            int level = gateWeights.intColumn("level").get(r);
            String name = levels ? task + " (level " + level + ")" : task;
            colours.putIfAbsent(name, level < lastLevel ? lighter(TaskColors.of(tasks.indexOf(task)))
                    : TaskColors.of(tasks.indexOf(task)));
            mixed.merge(name, 1, Integer::sum);
            gateTask.put(name, task);
            series.computeIfAbsent(name, n -> new double[experts.size()])
                    [experts.indexOf(gateWeights.stringColumn("expert").get(r))] =
                    gateWeights.doubleColumn("weight").get(r);
        }
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            List<Double> weights = new ArrayList<>();
            for (double weight : entry.getValue()) {
                weights.add(weight);
            }
            chart.addSeries(entry.getKey(), experts, weights)
                    .setFillColor(colours.get(entry.getKey()));
        }
        Map<Integer, LinkedHashSet<String>> tasksByCount = new LinkedHashMap<>();
        mixed.forEach((name, count) -> tasksByCount.computeIfAbsent(count,
                c -> new LinkedHashSet<>()).add(gateTask.get(name)));
        int line = 0;
        for (Map.Entry<Integer, LinkedHashSet<String>> entry : tasksByCount.entrySet()) {
            List<Double> uniform = new ArrayList<>();
            for (int e = 0; e < experts.size(); e++) {
                uniform.add(1.0 / entry.getKey());
            }
            String name = "uniform 1/" + entry.getKey() + (tasksByCount.size() == 1 ? ""
                    : " (" + String.join(", ", entry.getValue()) + ")");
            CategorySeries reference = chart.addSeries(name, experts, uniform);
            reference.setChartCategorySeriesRenderStyle(
                    org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
            reference.setLineColor(Theme.REFERENCE);
            reference.setLineStyle(line++ == 0 ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT);
            reference.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** {@code colour} halfway to white: a gate of an earlier level. */
    private static java.awt.Color lighter(java.awt.Color colour) {
        return new java.awt.Color((colour.getRed() + 255) / 2, (colour.getGreen() + 255) / 2,
                (colour.getBlue() + 255) / 2);
    }

    /**
     * Several runs side by side: a figure with each task's loss and weight per epoch, one line per
     * run, and a results table (see {@link RunComparison}). A notebook shows both.
     *
     * <p>Example: {@code Charts.compare(Map.of("equal", equalRun, "mgda", mgdaRun))}
     *
     * @param runs the runs by name, in display order (a {@code LinkedHashMap} keeps yours)
     * @throws IllegalArgumentException if {@code runs} is empty
     */
    public static RunComparison compare(Map<String, TrainingRun> runs) {
        return RunComparison.of(runs);
    }

    /** Whether {@code chart} is a log chart of mtl4j (its y data are log₁₀ of the values). */
    static boolean isLog(XYChart chart) {
        return chart.getYAxisTitle() != null && chart.getYAxisTitle().endsWith(LOG_SUFFIX);
    }

    /** On a log chart, log₁₀ of the value; a loss of 0 or less cannot be drawn (NaN). */
    private static double logIf(boolean log, double value) {
        if (!log) {
            return value;
        }
        return value > 0 ? Math.log10(value) : Double.NaN;
    }

    static XYChart chart(String title, String x, String y, int width, int height) {
        XYChart chart = new XYChartBuilder()
                .width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Theme.apply(chart.getStyler());
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
        double[] x = epochs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
        XYSeries series = add(chart, name, x, y);
        style(series, color, dashed);
        if (x.length == 1) {
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static XYSeries add(XYChart chart, String name, double[] x, double[] y) {
        if (x.length == 0) {
            return chart.addSeries(name, new double[] {Double.NaN}, new double[] {Double.NaN});
        }
        return chart.addSeries(name, x, y);
    }

    static void style(XYSeries series, int color, boolean dashed) {
        series.setLineColor(TaskColors.of(color));
        series.setMarkerColor(TaskColors.of(color));
        series.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        series.setMarker(SeriesMarkers.NONE);
    }
}
