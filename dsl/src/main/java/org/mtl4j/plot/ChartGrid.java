package org.mtl4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Small multiples: several charts of the same size drawn side by side (wrapping into rows) in one
 * image under one title, so values on different scales (an accuracy in 0–1 beside an error in
 * grams) each get their own axis. Save it with {@link ChartFiles#savePng(ChartGrid,
 * java.nio.file.Path)}; a notebook shows it as one PNG.
 *
 * <p>Example: {@code ChartGrid grid = Charts.metrics(run.history()); grid.panels().size();}
 * Panels that show the same series can share one legend at the right ({@link #sharedLegend}).
 *
 * @param title the title above all panels
 * @param panels the charts, left to right then top to bottom
 * @param columns panels per row (at least 1)
 * @param sharedLegend one legend at the right for all panels (panels that show the same series,
 *     like the runs of {@link Charts#compare}) instead of one beside each panel (default false)
 */
public record ChartGrid(String title, List<XYChart> panels, int columns, boolean sharedLegend) {

    private static final int TITLE_HEIGHT = 28;

    /** Copies the panels and checks the column count; hides the panels' legends if shared. */
    public ChartGrid {
        panels = List.copyOf(panels);
        if (columns < 1) {
            throw new IllegalArgumentException("A chart grid needs at least one column. Received:"
                    + " columns=" + columns + ". Pass 1 or more.");
        }
        if (sharedLegend) {
            panels.forEach(p -> p.getStyler().setLegendVisible(false));
        }
    }

    /** A grid with a legend beside each panel. */
    public ChartGrid(String title, List<XYChart> panels, int columns) {
        this(title, panels, columns, false);
    }

    /** The legend shared by all panels (empty unless {@link #sharedLegend}). */
    SharedLegend legend() {
        return sharedLegend ? SharedLegend.of(panels) : new SharedLegend(java.util.Map.of());
    }

    /** Number of rows of panels. */
    public int rows() {
        return Math.max(1, (panels.size() + columns - 1) / columns);
    }

    /** The whole image: title on top, then the panels. */
    public BufferedImage image() {
        int width = panels.isEmpty() ? Charts.WIDTH : panels.get(0).getWidth();
        int height = panels.isEmpty() ? Charts.HEIGHT : panels.get(0).getHeight();
        int cols = Math.min(columns, Math.max(1, panels.size()));
        SharedLegend legend = legend();
        BufferedImage image = new BufferedImage(width * cols + legend.width(),
                TITLE_HEIGHT + height * rows(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Theme.TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            int titleWidth = g.getFontMetrics().stringWidth(title);
            g.drawString(title, (image.getWidth() - titleWidth) / 2, 20);
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % cols) * width,
                        TITLE_HEIGHT + (i / cols) * height, width, height);
                try {
                    panels.get(i).paint(cell, width, height);
                } finally {
                    cell.dispose();
                }
            }
            legend.paint(g, width * cols, TITLE_HEIGHT + 30);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The title, the panels' titles and, per series, the last value ({@link ChartText}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(title);
        for (XYChart panel : panels) {
            text.append('\n').append(ChartText.of(panel).indent(2).stripTrailing());
        }
        return text.toString();
    }
}
