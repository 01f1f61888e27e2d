package org.mtl4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every chart mtl4j draws (line, bar and small-multiple charts): white background
 * without borders, light grey grid lines, dark grey axis text in a sans-serif font, legend to the
 * right outside the data, series colours from {@link TaskColors}; bar charts label their values
 * with a leading zero ("0.05", not XChart's ".05").
 *
 * <p>Example: {@code Theme.apply(chart.getStyler())} right after building a chart.
 */
public final class Theme {

    /** Text colour of titles, axis titles and tick labels. */
    public static final Color TEXT = new Color(0x33, 0x33, 0x33);

    /** Colour of grid lines. */
    public static final Color GRID = new Color(0xE5, 0xE5, 0xE5);

    /** Colour of reference lines (for example the uniform share on a gate chart). */
    public static final Color REFERENCE = new Color(0x66, 0x66, 0x66);

    private Theme() {}

    /** Applies the theme to {@code styler} (line and bar charts alike). */
    public static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesVisible(true);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartFontColor(TEXT);
        styler.setAxisTickLabelsColor(TEXT);
        styler.setAxisTickMarksColor(GRID);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setXAxisTickMarkSpacingHint(70);
        styler.setYAxisTickMarkSpacingHint(45);
        styler.setMarkerSize(4);
        styler.setSeriesColors(TaskColors.palette());
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.CategoryStyler) {
            // XChart's default writes ".05"; bar values are shares and counts
            styler.setYAxisDecimalPattern("#,##0.###");
        }
    }
}
