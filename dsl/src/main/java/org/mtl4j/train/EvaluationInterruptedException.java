package org.mtl4j.train;

/**
 * An evaluation or prediction pass stopped because the thread was interrupted. During a fit the
 * epoch being evaluated is then not recorded (the fit ends like any interrupted fit).
 *
 * <p>Example message: {@code Interrupted while evaluating 3000 rows; nothing was computed.}
 */
public final class EvaluationInterruptedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    EvaluationInterruptedException(int rows) {
        super("Interrupted while evaluating " + rows + " rows; nothing was computed.");
    }
}
