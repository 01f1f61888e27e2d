package org.mtl4j.model;

import ai.djl.nn.SequentialBlock;

/**
 * DJL's {@link SequentialBlock} that asks whether its parameters are initialised only until they
 * are. DJL asks before every training forward, and its answer lists every parameter of every
 * child (names built as strings) each time: a few microseconds and a few hundred bytes per
 * block and step, and one of the largest methods the JIT compiles during a fit. Once true the
 * answer stays true (parameters keep their arrays until the model is closed), as for {@link
 * MultiTaskBlock#isInitialized()}.
 *
 * <p>Example: {@code Blocks.sequence(List.of(dense(64), relu()))} is one, holding a {@code
 * Linear(64)} ({@link DenseLayer}) and a ReLU.
 */
final class SequenceBlock extends SequentialBlock {

    private boolean initialized;

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }
}
