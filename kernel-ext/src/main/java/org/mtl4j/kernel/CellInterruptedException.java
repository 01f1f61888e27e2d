package org.mtl4j.kernel;

/**
 * The user interrupted the cell: the rest of the cell did not run. A {@code fit()} that was
 * running stopped between two steps and kept its completed epochs.
 *
 * <p>Example message: {@code Interrupted: the cell stopped at snippet 2 of 3.}
 */
public final class CellInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CellInterruptedException(String message) {
        super(message, null, false, false);
    }
}
