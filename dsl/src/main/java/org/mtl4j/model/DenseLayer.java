package org.mtl4j.model;

import ai.djl.nn.core.Linear;

/**
 * DJL's {@link Linear} that asks whether its weight and bias are initialised only until they are
 * (see {@link SequenceBlock}: DJL asks before every training forward and copies the parameter
 * list to answer). Built by {@link DenseInit#linear}; otherwise DJL's layer, saved and loaded as
 * one.
 *
 * <p>Example: {@code DenseInit.linear(64, new PytorchDefault())} is one with 64 outputs.
 */
final class DenseLayer extends Linear {

    private boolean initialized;

    /** A layer as {@code builder} describes it (units, bias). */
    DenseLayer(Linear.Builder builder) {
        super(builder);
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }
}
