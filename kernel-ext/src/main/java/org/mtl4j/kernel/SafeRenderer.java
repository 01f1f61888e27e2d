package org.mtl4j.kernel;

import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * A renderer whose failures never fail the cell: when a render function throws, the value is
 * shown as text/plain with a note saying which renderer failed and why.
 *
 * <p>Example: a chart renderer that throws turns {@code display(chart)} into the text {@code
 * org.knowm.xchart.XYChart@1a2b (rendering as image/png failed: IllegalStateException: ...)}.
 */
final class SafeRenderer extends Renderer {

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        try {
            return super.render(value, params);
        } catch (RuntimeException | LinkageError e) {
            return fallback(value, e);
        }
    }

    @Override
    public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
        try {
            return super.renderAs(value, params, types);
        } catch (RuntimeException | LinkageError e) {
            return fallback(value, e);
        }
    }

    private static DisplayData fallback(Object value, Throwable failure) {
        String text;
        try {
            text = String.valueOf(value);
        } catch (RuntimeException e) {
            text = value.getClass().getName();
        }
        return new DisplayData(text + "\n(rendering failed: " + failure.getClass().getSimpleName()
                + ": " + failure.getMessage() + ")");
    }
}
