package org.mtl4j.kernel.display;

import java.util.Base64;
import org.apache.commons.text.StringEscapeUtils;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mtl4j.plot.ChartFiles;

/** Small helpers for the HTML the renderers write: escaping and inline chart images. */
final class Html {

    private Html() {}

    static String escape(Object value) {
        return StringEscapeUtils.escapeHtml4(String.valueOf(value));
    }

    /** A chart as a PNG data URI image (no external resource, renders offline). */
    static String image(Chart<?, ?> chart) {
        return "<img alt=\"" + escape(chart.getTitle()) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(ChartFiles.pngBytes(chart)) + "\"/>";
    }

    /** A grid of charts as one PNG data URI image. */
    static String image(org.mtl4j.plot.ChartGrid grid) {
        return "<img alt=\"" + escape(grid.title()) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(ChartFiles.pngBytes(grid)) + "\"/>";
    }

    static String signed(double value) {
        return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%+.3g", value);
    }

    /** {@code value} with 4 significant digits ({@link #significant}); "" for NaN. */
    static String number(double value) {
        return Double.isNaN(value) ? "" : significant(value, 4);
    }

    /**
     * {@code value} rounded to {@code digits} significant digits, without trailing zeros, plain
     * from 0.0001 to below 10⁷ ("0.3333", "1235", "12350000" is "1.235e+07").
     */
    static String significant(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e7 || magnitude < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", value)
                    .replaceAll("\\.?0+e", "e");
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits))
                .stripTrailingZeros().toPlainString();
    }
}
