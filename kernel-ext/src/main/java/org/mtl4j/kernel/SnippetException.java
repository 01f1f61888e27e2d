package org.mtl4j.kernel;

import java.util.List;

/**
 * An exception thrown by a cell's code. The message is the original {@code Class: message}; the
 * trace lists the original frames without the kernel's and JShell's own, snippet frames written as
 * {@code at (#3:1)} (snippet 3, line 1) as the jshell tool does. The exception's own stack (the
 * kernel's) is empty, so replies carry no kernel frames either.
 *
 * <p>Example message: {@code java.lang.ArithmeticException: / by zero}
 */
public final class SnippetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> trace;

    SnippetException(String message, List<String> trace) {
        super(message, null, false, true);
        this.trace = List.copyOf(trace);
        setStackTrace(new StackTraceElement[0]);
    }

    /** The readable trace, one line per frame, "Caused by:" lines included. */
    public List<String> trace() {
        return trace;
    }
}
