package org.mtl4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.mtl4j.train.AffinityMatrix;
import org.mtl4j.train.TrainingHistory;

/**
 * The task × task heat map of inter-task affinity ({@code taskAffinity()} on {@code fit()}; Fifty
 * et al. 2021): row i, column j is {@code Ẑ_i→j}, how much a step on task i lowered task j's loss
 * (blue: it helped, red: it hurt, white: 0, on a scale symmetric around 0; the numbers are
 * written in the cells, with two significant digits, multiplied by the power of ten the title
 * names so that the largest has two digits before the point: affinities are often 0.001 or
 * smaller). The diagonal (a task onto itself) is left empty: it is usually far
 * larger than the rest and would wash out their colours; {@code history.affinityTable()} has it.
 * Same theme and palette as {@link ConflictCharts}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingHistory history = model.fit(table, epochs(10), taskAffinity()).history();
 * HeatMapChart average = AffinityCharts.heatmap(history);     // over the whole training
 * HeatMapChart third = AffinityCharts.heatmap(history, 3);    // epoch 3
 * }</pre>
 */
public final class AffinityCharts {

    /** Negative affinities (a step on i hurts j): the red of the palette. */
    private static final Color HURTS = TaskColors.of(2);
    /** Positive affinities (a step on i helps j): the blue of the palette. */
    private static final Color HELPS = TaskColors.of(0);

    private AffinityCharts() {}

    /** The heat map of the training average (every sampled step of every epoch). */
    public static HeatMapChart heatmap(TrainingHistory history) {
        return heatmap(AffinityMatrix.of(history), "training average");
    }

    /**
     * The heat map of epoch {@code epoch}.
     *
     * @throws IllegalArgumentException when the affinity was not measured in that epoch
     */
    public static HeatMapChart heatmap(TrainingHistory history, int epoch) {
        return heatmap(AffinityMatrix.of(history, epoch), "epoch " + epoch);
    }

    /**
     * The heat map of a matrix (from a table, or written by hand), titled with {@code what}.
     *
     * @param what what the values are, e.g. "training average"
     */
    public static HeatMapChart heatmap(AffinityMatrix affinity, String what) {
        List<String> tasks = affinity.tasks();
        double[][] values = affinity.values();
        int n = tasks.size();
        double largest = 0;
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                if (row != column && !Double.isNaN(values[row][column])) {
                    largest = Math.max(largest, Math.abs(values[row][column]));
                }
            }
        }
        int power = scalePower(largest);
        double scale = Math.pow(10, power);
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                double value = values[row][column];
                if (row != column && !Double.isNaN(value)) {
                    // y runs upwards: the first task goes on top
                    cells.add(new Number[] {column, n - 1 - row, twoDigits(value * scale)});
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.PANEL_WIDTH + 80)
                .height(Charts.PANEL_HEIGHT + 60)
                .title("Inter-task affinity" + (power == 0 ? "" : " × 10" + superscript(power))
                        + ", " + what)
                .xAxisTitle("loss of task j").yAxisTitle("step on task i").build();
        Theme.apply(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(Theme.TEXT);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.PLAIN, 11));
        chart.getStyler().setRangeColors(new Color[] {HURTS, Color.WHITE, HELPS});
        // a whole number, so that the colour bar's end labels read "17.0", not "16.299999…"
        double bound = largest > 0 ? Math.ceil(largest * scale) : 1;
        chart.getStyler().setMin(-bound);
        chart.getStyler().setMax(bound);
        chart.getStyler().setHeatMapValueDecimalPattern("0.##");
        List<String> down = new ArrayList<>(tasks);
        Collections.reverse(down);
        chart.addSeries("affinity", tasks, down, cells);
        return chart;
    }

    /**
     * The power of ten that brings the largest magnitude to between 10 and 100, so that the
     * cells read as two-digit numbers ("16", "-2.2") rather than "0.016" or "3.7E-4"; 0 when
     * the values are 10 or more already, or all 0.
     */
    static int scalePower(double largest) {
        if (!(largest > 0) || largest >= 10) {
            return 0;
        }
        return 1 - (int) Math.floor(Math.log10(largest));
    }

    /** {@code value} rounded to two significant digits (the cells' "0.##" then shows them). */
    static double twoDigits(double value) {
        return value == 0 || !Double.isFinite(value) ? value
                : new java.math.BigDecimal(value).round(new java.math.MathContext(2))
                        .doubleValue();
    }

    /** "³" for 3, "¹²" for 12. */
    static String superscript(int power) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder text = new StringBuilder();
        for (char c : Integer.toString(power).toCharArray()) {
            text.append(digits.charAt(c - '0'));
        }
        return text.toString();
    }
}
