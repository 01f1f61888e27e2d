package org.mtl4j.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The notebook API for cells, with IJava/JJava names; imported statically in every mtl4j
 * notebook.
 *
 * <p>Example:
 *
 * <pre>{@code
 * String id = display(Charts.loss(run.history()));   // shows the chart, returns its display id
 * updateDisplay(id, Charts.loss(run.history()));     // replaces it in place
 * display("<b>done</b>", "text/html");               // a chosen MIME type
 * }</pre>
 */
public final class Notebook {

    private Notebook() {}

    /**
     * Shows {@code value} (rendered by type) below the cell; returns its display id. As a cell's
     * last statement ({@code display(chart);}) the id is not shown as the cell's value.
     */
    public static String display(Object value) {
        return ShownIds.shown(BaseNotebookStatics.display(value));
    }

    /** Shows {@code value} rendered as the given MIME types; returns its display id. */
    public static String display(Object value, String... mimeTypes) {
        return ShownIds.shown(BaseNotebookStatics.display(value, mimeTypes));
    }

    /** Replaces the output shown under display id {@code id} with {@code value}. */
    public static void updateDisplay(String id, Object value) {
        java.util.Optional<Mtl4jKernel> kernel = Mtl4jKernel.current();
        if (kernel.isPresent()) {
            kernel.get().updateDisplay(id, kernel.get().getRenderer().render(value));
        } else {
            BaseNotebookStatics.updateDisplay(id, value);
        }
    }

    /** Replaces the output under {@code id} with {@code value} as the given MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        java.util.Optional<Mtl4jKernel> kernel = Mtl4jKernel.current();
        if (kernel.isPresent()) {
            kernel.get().updateDisplay(id, kernel.get().getRenderer().renderAs(value, mimeTypes));
        } else {
            BaseNotebookStatics.updateDisplay(id, value, mimeTypes);
        }
    }

    /** How {@code value} would be shown: its MIME bundle. */
    public static DisplayData render(Object value) {
        return BaseNotebookStatics.render(value);
    }

    /** {@code value} rendered as the given MIME types. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return BaseNotebookStatics.render(value, mimeTypes);
    }

    /** Clears this cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears this cell's output, now or (with {@code wait}) when the next output arrives, which
     * avoids flicker in animations.
     */
    public static void clearOutput(boolean wait) {
        Mtl4jKernel.current().orElseThrow(() -> new IllegalStateException(
                "clearOutput() needs the mtl4j kernel; this notebook runs "
                        + BaseKernel.notebookKernel().getBanner() + "."))
                .clearOutput(wait);
    }
}
