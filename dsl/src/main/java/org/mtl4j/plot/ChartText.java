package org.mtl4j.plot;

import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart described in plain text (the text/plain fallback of a chart in a notebook, and what a
 * screen reader or a log gets): the title, then per series its name, number of points and last
 * value. Values of log charts (drawn as log₁₀) are given as the values they stand for.
 *
 * <p>Example: {@code ChartText.of(Charts.loss(history))} is like
 *
 * <pre>
 * Loss per task (epoch → loss (log scale))
 *   a (train): 3 points, last 0.3333 at epoch 3
 * </pre>
 */
public final class ChartText {

    private ChartText() {}

    /** The description of {@code chart} (any XChart chart; XY and bar charts in detail). */
    public static String of(Chart<?, ?> chart) {
        StringBuilder text = new StringBuilder(chart.getTitle());
        if (chart instanceof XYChart xy) {
            boolean log = Charts.isLog(xy);
            text.append(" (").append(xy.getXAxisTitle()).append(" → ").append(xy.getYAxisTitle())
                    .append(')');
            for (XYSeries series : xy.getSeriesMap().values()) {
                if (!series.isShowInLegend()) {
                    continue;
                }
                text.append("\n  ").append(series.getName()).append(": ");
                double[] x = series.getXData();
                double[] y = series.getYData();
                int last = -1;
                int points = 0;
                for (int i = 0; i < y.length; i++) {
                    if (!Double.isNaN(y[i])) {
                        last = i;
                        points++;
                    }
                }
                if (last < 0) {
                    text.append("no data yet");
                } else {
                    double value = log ? Math.pow(10, y[last]) : y[last];
                    text.append(points).append(points == 1 ? " point" : " points")
                            .append(", last ").append(format(value)).append(" at ")
                            .append(xy.getXAxisTitle()).append(' ').append(format(x[last]));
                }
            }
        } else if (chart instanceof CategoryChart bars) {
            for (CategorySeries series : bars.getSeriesMap().values()) {
                text.append("\n  ").append(series.getName()).append(": ");
                var xs = series.getXData().iterator();
                var ys = series.getYData().iterator();
                StringBuilder values = new StringBuilder();
                while (xs.hasNext() && ys.hasNext()) {
                    Number y = ys.next();
                    values.append(values.length() == 0 ? "" : ", ").append(xs.next()).append(' ')
                            .append(format(y == null ? Double.NaN : y.doubleValue()));
                }
                text.append(values);
            }
        }
        return text.toString();
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4g", value)
                .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}
