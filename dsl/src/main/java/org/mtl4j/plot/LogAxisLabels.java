package org.mtl4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * The y labels and horizontal grid lines of an mtl4j log chart, drawn at round values ({@link
 * LogTicks}). The chart's y data are log₁₀ of the values on a linear axis; XChart would place its
 * ticks at round logarithms (labels 0.631, 0.562…), so its own y labels are made transparent
 * (they still reserve the axis width) and its horizontal grid lines hidden, and this annotation
 * draws both where round values fall (the grid lines behind the series, {@link BehindComposite}).
 *
 * <p>Example: {@code LogAxisLabels.install(chart)} after the chart's series are added.
 */
final class LogAxisLabels extends Annotation {

    /** Smallest distance in pixels between two labels. */
    static final double MIN_GAP = 28;

    private static final Color INVISIBLE = new Color(0, 0, 0, 0);

    /** A drawn label and its vertical position in pixels. */
    record Drawn(String label, double y) {}

    /** The labels of each log chart, for {@link #drawnOn}; charts are not kept alive by it. */
    private static final Map<XYChart, LogAxisLabels> INSTALLED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final List<Drawn> drawn = new ArrayList<>();

    private LogAxisLabels() {
        super(true);
    }

    /** Hides XChart's y labels and grid lines of {@code chart} and adds these labels. */
    static void install(XYChart chart) {
        chart.getStyler().setYAxisTickLabelsColor(INVISIBLE);
        chart.getStyler().setYAxisTickMarksColor(INVISIBLE);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(
                v -> AxisTicks.number(Math.pow(10, v), 3));
        LogAxisLabels labels = new LogAxisLabels();
        chart.addAnnotation(labels);
        INSTALLED.put(chart, labels);
    }

    /** The labels {@code chart}'s log axis drew at its last painting, bottom to top; else null. */
    static List<Drawn> drawnOn(XYChart chart) {
        LogAxisLabels labels = INSTALLED.get(chart);
        return labels == null ? null : List.copyOf(labels.drawn);
    }

    @Override
    public void paint(Graphics2D g) {
        drawn.clear();
        int top = getYAxisScreenValueForMin();
        int bottom = getYAxisScreenValueForMax();
        int left = getXAxisScreenValueForMin();
        int right = getXAxisScreenValueForMax();
        XYChart xy = (XYChart) chart;
        double lo = xy.getChartYFromCoordinate(bottom);
        double hi = xy.getChartYFromCoordinate(top);
        Object hint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Font font = xy.getStyler().getAxisTickLabelsFont();
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics(font);
        int labelRight = left - xy.getStyler().getAxisTickPadding()
                - xy.getStyler().getAxisTickMarkLength() - xy.getStyler().getPlotMargin();
        for (double value : LogTicks.choose(lo, hi, bottom - top, MIN_GAP)) {
            double y = xy.getScreenYFromChart(Math.log10(value));
            String label = LogTicks.label(value);
            java.awt.Composite composite = g.getComposite();
            g.setComposite(new BehindComposite(xy.getStyler().getPlotBackgroundColor()));
            g.setColor(Theme.GRID);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(left, (int) Math.round(y), right, (int) Math.round(y));
            g.setComposite(composite);
            g.setColor(Theme.TEXT);
            g.drawString(label, labelRight - metrics.stringWidth(label),
                    (float) (y + metrics.getAscent() / 2.0 - 1));
            drawn.add(new Drawn(label, y));
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, hint);
    }
}
