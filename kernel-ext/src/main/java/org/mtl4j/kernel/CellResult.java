package org.mtl4j.kernel;

/**
 * Hands the value of a cell's last expression from the snippet to the kernel. JShell reports
 * values as strings; the kernel evaluates {@code CellResult.keep(name)} after an expression
 * snippet to get the object itself for rendering. Snippets and kernel share this class (the
 * local execution engine loads snippets under the kernel's class loader).
 *
 * <p>Example: the kernel evaluates {@code org.mtl4j.kernel.CellResult.keep($3);} then calls
 * {@link #take()}.
 */
public final class CellResult {

    private static final Object NONE = new Object();
    private static Object value = NONE;

    private CellResult() {}

    /** Called by the capture snippet. */
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
