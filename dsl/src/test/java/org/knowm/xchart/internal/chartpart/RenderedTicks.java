package org.knowm.xchart.internal.chartpart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/**
 * Test helper: the tick labels XChart drew on a chart's axes, read after painting it (XChart keeps
 * them in package-private parts, hence this package).
 */
public final class RenderedTicks {

    /** A drawn, non-empty tick label and its position in pixels along the axis. */
    public record Tick(String label, double position) {}

    private RenderedTicks() {}

    /** Paints {@code chart} and returns its labelled x ticks inside the plot, left to right. */
    public static List<Tick> x(Chart<?, ?> chart) {
        paint(chart);
        return visible(chart.getAxisPair().getXAxis(), chart.getAxisPair().getXAxis().getBounds()
                .getWidth());
    }

    /** Paints {@code chart} and returns its labelled y ticks inside the plot, bottom to top. */
    public static List<Tick> y(Chart<?, ?> chart) {
        paint(chart);
        return visible(chart.getAxisPair().getYAxis(), chart.getAxisPair().getYAxis().getBounds()
                .getHeight());
    }

    /** Width in pixels of {@code label} in the chart's tick label font. */
    public static double width(Chart<?, ?> chart, String label) {
        Font font = ((org.knowm.xchart.style.AxesChartStyler) chart.getStyler())
                .getAxisTickLabelsFont();
        return font.getStringBounds(label, new FontRenderContext(null, true, false)).getWidth();
    }

    /** Height in pixels of a line in the chart's tick label font. */
    public static double height(Chart<?, ?> chart) {
        Font font = ((org.knowm.xchart.style.AxesChartStyler) chart.getStyler())
                .getAxisTickLabelsFont();
        return font.getStringBounds("0.1", new FontRenderContext(null, true, false)).getHeight();
    }

    private static void paint(Chart<?, ?> chart) {
        try {
            BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Tick> visible(Axis<?, ?> axis, double length) {
        AxisTickCalculator calculator = axis.getAxisTickCalculator();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < calculator.getTickLabels().size(); i++) {
            String label = calculator.getTickLabels().get(i);
            double position = calculator.getTickLocations().get(i);
            if (label != null && !label.isEmpty() && position >= -0.5 && position <= length + 0.5) {
                ticks.add(new Tick(label, position));
            }
        }
        return ticks;
    }
}
