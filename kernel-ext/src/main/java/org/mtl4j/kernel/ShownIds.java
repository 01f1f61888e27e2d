package org.mtl4j.kernel;

/**
 * The display id that {@code display(...)} returned last, so that a cell ending in {@code
 * display(chart);} shows the chart and not also its id as the cell's value: JShell makes a final
 * expression statement the cell's value (trailing semicolon or not), IPython shows nothing for
 * {@code display(x)} (it returns None). {@link JShellEvaluator} drops a snippet's value when it is
 * this very String object (identity, not equality), so {@code String id = display(x);} still
 * keeps the id and a later cell {@code id} still shows it.
 *
 * <p>Example: {@code Notebook.display(x)} calls {@code ShownIds.shown(id)}; the evaluator calls
 * {@link #forget()} before each snippet and {@link #isLast} after it.
 */
public final class ShownIds {

    private static Object last;

    private ShownIds() {}

    /** Records {@code id} as the id display() returned last; returns it. */
    public static synchronized String shown(String id) {
        last = id;
        return id;
    }

    /** Forgets the last id (before a snippet runs). */
    static synchronized void forget() {
        last = null;
    }

    /** Whether {@code value} is the very id display() returned last. */
    static synchronized boolean isLast(Object value) {
        return value != null && value == last;
    }
}
