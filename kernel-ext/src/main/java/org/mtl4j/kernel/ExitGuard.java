package org.mtl4j.kernel;

/**
 * What a cell's {@code System.exit}, {@code Runtime.getRuntime().exit} and {@code
 * Runtime.getRuntime().halt} calls run instead: they would end the kernel's JVM (cells run inside
 * it), losing every variable and leaving the notebook without a reply. {@link
 * SnippetInstrumentation} rewrites those calls in the classes compiled from cells; calls made
 * inside libraries are not rewritten.
 *
 * <p>Example: a cell {@code System.exit(0);} fails with {@code IllegalStateException: System.exit(0)
 * was refused: it would end the kernel ...}.
 */
public final class ExitGuard {

    private ExitGuard() {}

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw refused("System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw refused("Runtime.getRuntime().exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw refused("Runtime.getRuntime().halt(" + status + ")");
    }

    static IllegalStateException refused(String call) {
        return new IllegalStateException(call + " was refused: it would end the kernel and lose"
                + " every variable of this notebook. To restart the kernel, use the notebook's"
                + " Kernel > Restart menu (or the restart button); to end the cell early, throw"
                + " an exception or return.");
    }
}
