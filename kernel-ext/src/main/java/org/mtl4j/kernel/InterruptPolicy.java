package org.mtl4j.kernel;

import java.util.List;

/**
 * How an interrupted cell is ended. First, cooperatively: the cell's threads are interrupted,
 * which ends a {@code fit()} between two steps (keeping its completed epochs), {@code
 * Thread.sleep}, waits and {@code %maven}, and the cell's next {@code System.out}/{@code err}
 * write from its own code throws (ending a printing loop). Only code that ignores all of this is
 * stopped ({@code Thread.stop} of that thread on Java 17, JShell's stop on later JDKs), and only at a moment when the thread's
 * whole stack is user code, the JDK's core classes or a sleep/wait: never while mtl4j, DJL,
 * Tablesaw, XChart, the kernel, a lock of {@code java.util.concurrent}, I/O or native code is on
 * the stack, where a stop could leave native or shared state half-updated. There the kernel keeps
 * waiting for the cooperative end.
 *
 * <p>Defaults: stop after {@link #GRACE_MILLIS} (500 ms) without a cooperative end, looking at
 * the stack every {@link #POLL_MILLIS} (10 ms).
 *
 * <p>Example: {@code InterruptPolicy.mayStop(thread.getStackTrace())} is false during {@code
 * model.fit(...)} and true in {@code while (true) { n++; }}.
 */
final class InterruptPolicy {

    /** How long an interrupted cell may take to end by itself before a stop is considered. */
    static final long GRACE_MILLIS = 500;

    /** How often the stack of a cell that has not ended is looked at after the grace time. */
    static final long POLL_MILLIS = 10;

    /** Code that must end cooperatively: never stopped in the middle. */
    private static final List<String> PROTECTED = List.of(
            "org.mtl4j.", "ai.djl.", "tech.tablesaw.", "org.knowm.xchart.", "org.dflib.jjava.",
            "org.eclipse.aether.", "org.apache.maven.", "java.util.concurrent.", "java.io.",
            "java.nio.", "sun.nio.", "jdk.internal.misc.Unsafe", "java.lang.ClassLoader",
            "jdk.internal.loader.", "java.lang.invoke.");

    /** Native methods that hold no native state a stop could break. */
    private static final List<String> HARMLESS_NATIVE = List.of(
            "java.lang.Thread.sleep", "java.lang.Object.wait", "java.lang.Thread.yield",
            "java.lang.Thread.onSpinWait");

    private InterruptPolicy() {}

    /**
     * Whether a thread with this stack may be stopped now: it runs snippet code (JShell's classes
     * of package {@code REPL}) and nothing protected.
     */
    static boolean mayStop(StackTraceElement[] stack) {
        boolean userCode = false;
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (name.startsWith("jdk.jshell.") || name.startsWith("jdk.internal.reflect.")
                    || name.startsWith("java.lang.reflect.")) {
                break; // below the snippet: JShell's own invocation frames
            }
            userCode |= name.startsWith("REPL.");
            if (frame.isNativeMethod()
                    && !HARMLESS_NATIVE.contains(name + "." + frame.getMethodName())) {
                return false;
            }
            for (String prefix : PROTECTED) {
                if (name.startsWith(prefix)) {
                    return false;
                }
            }
        }
        return userCode;
    }

    /**
     * Whether a write to {@code System.out}/{@code err} comes straight from snippet code (JShell
     * compiles snippets into classes of package {@code REPL}), so that throwing there ends a
     * printing loop without breaking library or kernel code that prints.
     */
    static boolean writtenBySnippet(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                    || name.startsWith(Publisher.class.getName())
                    || name.startsWith(InterruptPolicy.class.getName())
                    || name.startsWith(JShellEvaluator.class.getName())) {
                continue;
            }
            return name.startsWith("REPL.");
        }
        return false;
    }
}
