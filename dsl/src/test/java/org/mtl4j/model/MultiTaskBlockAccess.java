package org.mtl4j.model;

import ai.djl.nn.Block;
import java.util.List;

/** Lets tests build a {@link MultiTaskBlock} around instrumented blocks. */
public final class MultiTaskBlockAccess {

    private MultiTaskBlockAccess() {}

    public static MultiTaskBlock create(Block trunk, List<Block> heads) {
        return new MultiTaskBlock(new HardSharingBlock(trunk, heads.size()), heads);
    }
}
