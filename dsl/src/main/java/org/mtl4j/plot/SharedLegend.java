package org.mtl4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * One legend for all panels of a {@link ChartGrid} whose panels show the same series (the runs of
 * {@link Charts#compare}): drawn once at the right of the grid instead of beside every panel,
 * where repeated legends took about 40% of each panel's width.
 *
 * <p>Example: {@code SharedLegend.of(panels).width()} is the room the legend needs.
 *
 * @param entries per series name, its line colour and stroke, in first-seen order
 */
record SharedLegend(Map<String, Entry> entries) {

    /** A legend line: the series' colour and stroke. */
    record Entry(Color color, BasicStroke stroke) {}

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int LINE = 24;
    private static final int ROW = 18;
    private static final int PADDING = 12;

    /** The legend of the series shown in the legends of {@code panels}. */
    static SharedLegend of(List<XYChart> panels) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (XYChart panel : panels) {
            for (XYSeries series : panel.getSeriesMap().values()) {
                if (series.isShowInLegend() && series.getLineColor() != null) {
                    entries.putIfAbsent(series.getName(),
                            new Entry(series.getLineColor(), series.getLineStyle()));
                }
            }
        }
        return new SharedLegend(entries);
    }

    /** The names, in order. */
    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** The width in pixels the legend takes. */
    int width() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(FONT);
            int widest = entries.keySet().stream().mapToInt(metrics::stringWidth).max().orElse(0);
            return entries.isEmpty() ? 0 : 2 * PADDING + LINE + 8 + widest;
        } finally {
            g.dispose();
        }
    }

    /** Draws the legend with its top left corner at ({@code x}, {@code y}). */
    void paint(Graphics2D g, int x, int y) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(FONT);
        FontMetrics metrics = g.getFontMetrics();
        int row = y + PADDING;
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            int middle = row + ROW / 2;
            g.setColor(entry.getValue().color());
            g.setStroke(entry.getValue().stroke() == null ? new BasicStroke(2f)
                    : entry.getValue().stroke());
            g.drawLine(x + PADDING, middle, x + PADDING + LINE, middle);
            g.setColor(Theme.TEXT);
            g.drawString(entry.getKey(), x + PADDING + LINE + 8,
                    middle + metrics.getAscent() / 2 - 1);
            row += ROW;
        }
    }
}
