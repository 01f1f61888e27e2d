package org.mtl4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * DJL's {@link SequentialBlock} that asks whether its parameters are initialised only until they
 * are. DJL asks before every training forward, and its answer lists every parameter of every
 * child (names built as strings) each time: a few microseconds and a few hundred bytes per
 * block and step, and one of the largest methods the JIT compiles during a fit. Once true the
 * answer stays true (parameters keep their arrays until the model is closed), as for {@link
 * MultiTaskBlock#isInitialized()}.
 *
 * <p>Children are named as DJL names them ({@code 01Linear} for a {@link DenseLayer}), so
 * parameter names, saved files and messages stay DJL's.
 *
 * <p>Example: {@code Blocks.sequence(List.of(dense(64), relu()))} is one, holding a {@code
 * Linear(64)} ({@link DenseLayer}) and a ReLU.
 */
final class SequenceBlock extends SequentialBlock {

    private boolean initialized;

    @Override
    public SequentialBlock add(Block block) {
        if (block != null) {
            addChildBlock(djlName(block), block);
        }
        return this;
    }

    /** The name DJL's {@code SequentialBlock} gives a child: its class's simple name. */
    private static String djlName(Block block) {
        if (block instanceof DenseLayer) {
            return "Linear";
        }
        if (block instanceof SequenceBlock) {
            return "SequentialBlock";
        }
        return block.getClass().getSimpleName();
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }
}
