package org.mtl4j.kernel;

/**
 * Hands the value of a cell's last expression from the snippet to the kernel (JShell itself only
 * reports values as strings). {@link SnippetInstrumentation} makes each snippet's {@code do_it$}
 * method pass its return value to {@link #keep} as it returns, so the value arrives with the one
 * compilation that runs the snippet. Where classes cannot be instrumented the kernel evaluates
 * {@code CellResult.keep(name)} after the snippet instead. Snippets and kernel share this class
 * (the local execution engine loads snippets under the kernel's class loader).
 *
 * <p>Example: {@code CellResult.take()} after evaluating {@code 1 + 1} returns {@code 2}.
 */
public final class CellResult {

    private static final Object NONE = new Object();
    private static Object value = NONE;

    private CellResult() {}

    /** Called by the instrumented snippet (or the capture snippet). */
    public static synchronized void keep(Object result) {
        value = result;
    }

    /** Returns the kept value (null for a null result) and forgets it. */
    static synchronized Object take() {
        Object result = value == NONE ? null : value;
        value = NONE;
        return result;
    }
}
