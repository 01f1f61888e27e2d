package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.model.Blocks;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.model.MultiTaskBlockAccess;

class TrunkOnceTest {

    /** Wraps a block and counts its forward calls. */
    static final class CountingBlock extends AbstractBlock {
        private final Block inner;
        int calls;

        CountingBlock(Block inner) {
            this.inner = addChildBlock("inner", inner);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            calls++;
            return inner.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... shapes) {
            inner.initialize(manager, type, shapes);
        }
    }

    @Test
    void trunkRunsOncePerBatchForFiveHeads() {
        CountingBlock trunk = new CountingBlock(Blocks.sequence(List.of(dense(20), relu())));
        List<Block> heads = List.of(
                Blocks.sequence(List.of(dense(1))), Blocks.sequence(List.of(dense(1))),
                Blocks.sequence(List.of(dense(1))), Blocks.sequence(List.of(dense(1))),
                Blocks.sequence(List.of(dense(1))));
        MultiTaskBlock block = MultiTaskBlockAccess.create(trunk, heads);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 10));
            trunk.calls = 0;

            NDList outputs = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(8, 10))), true);

            assertThat(trunk.calls).isEqualTo(1);
            assertThat(outputs).hasSize(5);
            assertThat(outputs.get(4).getShape()).isEqualTo(new Shape(8, 1));
        }
    }
}
