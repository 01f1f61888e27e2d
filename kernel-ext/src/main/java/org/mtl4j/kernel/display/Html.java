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

    static String signed(double value) {
        return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%+.3g", value);
    }

    static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
