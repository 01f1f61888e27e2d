package org.mtl4j.kernel;

/**
 * A cell that does not compile: the message lists each diagnostic with its line and a caret.
 *
 * <p>Example message: {@code cannot find symbol\n  symbol: variable y\n    int x = y;\n
 * ^}
 */
public final class CompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CompilationException(String message) {
        super(message, null, false, false);
    }
}
