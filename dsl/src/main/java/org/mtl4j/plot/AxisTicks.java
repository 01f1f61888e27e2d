package org.mtl4j.plot;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Tick choice and tick labels for mtl4j's XY charts, so every axis reads well at any data range and
 * length:
 *
 * <ul>
 *   <li>XChart labels every distinct value of an axis whose data are equally spaced (steps 1,
 *       2, 3… run together into one string at 1000 steps). {@link #apply} adds an invisible
 *       series over the data range whose values are not equally spaced, so XChart picks round
 *       tick values spaced for their labels (1, 2, 5 × 10ⁿ) instead;
 *   <li>a one-point range is widened (and a whole-number range to at least 2) so that an axis
 *       always has at least three labelled ticks;
 *   <li>step and epoch axes label only whole numbers ({@link #integerLabel});
 *   <li>XChart's log axis labels only whole decades (one label or none for data within a decade),
 *       so log charts plot log₁₀ of their values on a linear axis, and {@link LogAxisLabels}
 *       labels round values on it ({@link LogTicks}): 0.1, 0.2, 0.5, 1… or 0.3, 0.4, 0.5…
 * </ul>
 *
 * <p>Example: {@code AxisTicks.apply(chart, true, false)} after the chart's series are added.
 */
final class AxisTicks {

    /** The name of the invisible series that sets the range and breaks the equal spacing. */
    static final String RANGE_SERIES = " range";

    /** Golden-section point: never a multiple of an equal spacing of the data. */
    private static final double INNER = 0.381966;

    private AxisTicks() {}

    /**
     * Styles {@code chart}'s axes: an invisible range series, whole-number x labels when {@code
     * integerX}, and value labels for log₁₀ data when {@code logY}. Call after adding the
     * series.
     */
    static void apply(XYChart chart, boolean integerX, boolean logY) {
        double[] x = range(chart, true);
        double[] y = range(chart, false);
        double[] xr = widen(x[0], x[1], integerX ? 1 : 0.5, 0, 1);
        if (integerX && xr[1] - xr[0] < 2) {
            xr[1] = xr[0] + 2;
        }
        double[] yr = widen(y[0], y[1], logY ? 0.1 : Math.max(Math.abs(y[0]) * 0.1, 0.05),
                logY ? -1 : 0, logY ? 0 : 1);
        XYSeries range = chart.addSeries(RANGE_SERIES,
                new double[] {xr[0], xr[0] + (xr[1] - xr[0]) * INNER, xr[1]},
                new double[] {yr[0], yr[0] + (yr[1] - yr[0]) * INNER, yr[1]});
        range.setShowInLegend(false);
        range.setMarker(SeriesMarkers.NONE);
        range.setLineStyle(SeriesLines.NONE);
        if (integerX) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(AxisTicks::integerLabel);
        }
        if (logY) {
            LogAxisLabels.install(chart);
        }
    }

    /** Whole numbers with thousands separators ("20,000"); "" for a tick between them. */
    static String integerLabel(double value) {
        double rounded = Math.rint(value);
        if (Math.abs(value - rounded) > 1e-9 * Math.max(1, Math.abs(value))) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d", (long) rounded);
    }

    /** {@code value} with {@code digits} significant digits, without trailing zeros or exponent. */
    static String number(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value)
                    .replaceAll("\\.?0+e", "e");
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value)
                .round(new java.math.MathContext(digits));
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** {@code {min, max}} of the finite x (or y) values of the visible series; NaN when none. */
    private static double[] range(XYChart chart, boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                    double v = xAxis ? xs[i] : ys[i];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }

    /**
     * The range to show: {@code [min, max]}, widened by {@code pad} on each side when it is a
     * single value, and {@code [emptyMin, emptyMax]} when there are no data.
     */
    static double[] widen(double min, double max, double pad, double emptyMin, double emptyMax) {
        if (Double.isNaN(min)) {
            return new double[] {emptyMin, emptyMax};
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(min))) {
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }
}
