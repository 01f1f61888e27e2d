package org.mtl4j.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd recording off on this thread until closed (evaluation, prediction, loading and
 * optimizer updates), then restores what was there before.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (NoGrad ignored = new NoGrad()) {
 *     NDList out = block.forward(store, inputs, false);   // records no graph
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    /** Turns recording off; {@link #close()} turns it back to what it was. */
    public NoGrad() {
        previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
