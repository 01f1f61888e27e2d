package org.mtl4j.train;

import ai.djl.pytorch.jni.JniUtils;

/** Turns autograd recording off on this thread until closed (evaluation and prediction). */
final class NoGrad implements AutoCloseable {

    private final boolean previous;

    NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
