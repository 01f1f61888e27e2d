package org.mtl4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.train.ConflictRecord;
import org.mtl4j.train.TrainingHistory;

/**
 * Charts of what the conflict monitor ({@code conflictMonitor()} on {@code fit()}) recorded: a
 * task × task heat map of gradient cosines (red: the tasks pull the shared parameters apart,
 * blue: the same way; the numbers are written in the cells) and, per pair of tasks, lines over
 * the epochs of the mean cosine or of the fraction of sampled steps in conflict. Pairs are
 * coloured in the order of the table's rows with the shared palette.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingHistory history = model.fit(table, epochs(10), conflictMonitor()).history();
 * HeatMapChart latest = ConflictCharts.heatmap(history);     // the last monitored epoch
 * HeatMapChart first = ConflictCharts.heatmap(history, 1);
 * XYChart overTime = ConflictCharts.conflictFractions(history);
 * }</pre>
 */
public final class ConflictCharts {

    /** Negative cosines: the red of the palette. */
    private static final Color CONFLICT = TaskColors.of(2);
    /** Positive cosines: the blue of the palette. */
    private static final Color AGREEMENT = TaskColors.of(0);

    private ConflictCharts() {}

    /** The heat map of the last epoch the monitor recorded. */
    public static HeatMapChart heatmap(TrainingHistory history) {
        List<ConflictRecord> records = requireRecords(history);
        return heatmap(history, records.get(records.size() - 1).epoch());
    }

    /**
     * The heat map of epoch {@code epoch}: tasks across and down in the model's order, each cell
     * the pair's mean cosine (1 on the diagonal; no cell for a pair without samples).
     *
     * @throws IllegalArgumentException when the monitor recorded nothing for that epoch
     */
    public static HeatMapChart heatmap(TrainingHistory history, int epoch) {
        List<ConflictRecord> records = requireRecords(history).stream()
                .filter(r -> r.epoch() == epoch).toList();
        if (records.isEmpty()) {
            throw new IllegalArgumentException("The conflict monitor recorded nothing for epoch "
                    + epoch + ". Received: epoch=" + epoch + "; recorded epochs: "
                    + recordedEpochs(history) + ". Choose one of those.");
        }
        List<String> tasks = history.tasks();
        int n = tasks.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.PANEL_WIDTH + 80)
                .height(Charts.PANEL_HEIGHT + 60)
                .title("Gradient cosine between tasks, epoch " + epoch).build();
        Theme.apply(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(Theme.TEXT);
        chart.getStyler().setRangeColors(new Color[] {CONFLICT, Color.WHITE, AGREEMENT});
        chart.getStyler().setMin(-1);
        chart.getStyler().setMax(1);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        double[][] cosines = new double[n][n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(cosines[i], Double.NaN);
            cosines[i][i] = 1;
        }
        for (ConflictRecord record : records) {
            int a = tasks.indexOf(record.taskA());
            int b = tasks.indexOf(record.taskB());
            cosines[a][b] = record.cosine();
            cosines[b][a] = record.cosine();
        }
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                if (!Double.isNaN(cosines[row][column])) {
                    // y runs upwards: the first task goes on top
                    cells.add(new Number[] {column, n - 1 - row, cosines[row][column]});
                }
            }
        }
        List<String> down = new ArrayList<>(tasks);
        java.util.Collections.reverse(down);
        chart.addSeries("cosine", tasks, down, cells);
        return chart;
    }

    /** Each pair's mean gradient cosine per epoch, with the line of 0 (below it: conflict). */
    public static XYChart cosines(TrainingHistory history) {
        XYChart chart = lines(history, "Gradient cosine per pair of tasks", "mean cosine",
                ConflictRecord::cosine);
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax(1.0);
        List<ConflictRecord> records = history.conflicts();
        XYSeries zero = chart.addSeries("0", new double[] {records.get(0).epoch(),
            records.get(records.size() - 1).epoch()}, new double[] {0, 0});
        zero.setLineColor(Theme.REFERENCE);
        zero.setLineStyle(SeriesLines.DOT_DOT);
        zero.setMarker(SeriesMarkers.NONE);
        zero.setShowInLegend(false);
        return chart;
    }

    /** Each pair's fraction of sampled steps with a negative cosine, per epoch. */
    public static XYChart conflictFractions(TrainingHistory history) {
        XYChart chart = lines(history, "Steps in conflict (gradient cosine < 0) per pair",
                "fraction of sampled steps", ConflictRecord::conflictFraction);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return chart;
    }

    private static XYChart lines(TrainingHistory history, String title, String yTitle,
            ToDoubleFunction<ConflictRecord> value) {
        List<ConflictRecord> records = requireRecords(history);
        XYChart chart = Charts.chart(title, "epoch", yTitle, Charts.WIDTH, Charts.HEIGHT);
        List<String> tasks = history.tasks();
        int pair = 0;
        for (int a = 0; a < tasks.size(); a++) {
            for (int b = a + 1; b < tasks.size(); b++) {
                String taskA = tasks.get(a);
                String taskB = tasks.get(b);
                List<ConflictRecord> mine = records.stream().filter(r -> r.taskA().equals(taskA)
                        && r.taskB().equals(taskB) && !Double.isNaN(value.applyAsDouble(r)))
                        .toList();
                if (mine.isEmpty()) {
                    continue;
                }
                double[] x = mine.stream().mapToDouble(ConflictRecord::epoch).toArray();
                double[] y = mine.stream().mapToDouble(value).toArray();
                XYSeries series = chart.addSeries(taskA + " · " + taskB, x, y);
                Charts.style(series, pair++, false);
                if (x.length == 1) {
                    series.setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        return chart;
    }

    private static List<ConflictRecord> requireRecords(TrainingHistory history) {
        if (history.conflicts().isEmpty()) {
            throw new IllegalArgumentException("The history has no conflict figures: no fit"
                    + " recorded them. Received: " + history.epochs().size() + " epochs fitted"
                    + " without the conflict monitor. Fit with it, e.g. model.fit(table,"
                    + " epochs(10), conflictMonitor()).");
        }
        return history.conflicts();
    }

    private static List<Integer> recordedEpochs(TrainingHistory history) {
        TreeSet<Integer> epochs = new TreeSet<>();
        history.conflicts().forEach(r -> epochs.add(r.epoch()));
        return List.copyOf(epochs);
    }
}
