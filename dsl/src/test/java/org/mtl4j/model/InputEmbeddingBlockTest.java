package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.GarbageCollections;
import org.mtl4j.data.EmbeddingLayout;
import org.mtl4j.data.EmbeddingLayout.Lookup;
import org.mtl4j.data.EmbeddingLayout.TableSize;

/** The input block against hand computations: lookups, mean and sum bags, padding, gradients. */
class InputEmbeddingBlockTest {

    // features: [number | category index | 3 token indices (mean) | 3 token indices (sum)]
    private static final EmbeddingLayout LAYOUT = new EmbeddingLayout(1,
            List.of(new TableSize("user", 3, 2), new TableSize("review", 4, 2)),
            List.of(new Lookup(0, 1, 1, "one"), new Lookup(1, 2, 3, "mean"),
                    new Lookup(1, 5, 3, "sum")));
    private static final float[] USERS = {0, 0, 1, 2, 3, 4};          // rows 0, 1, 2
    private static final float[] TOKENS = {0, 0, 10, 20, 30, 40, 50, 60};   // rows 0..3
    private static final float[][] ROWS = {
        {7, 2, 1, 2, 1, 3, 3, 0},   // user 2; mean of tokens 1, 2, 1; sum of tokens 3, 3
        {8, 0, 0, 0, 0, 0, 0, 0},   // reserved user; no token: zero vectors
    };

    @Test
    void looksUpAndAveragesOrSumsTheTokensOfEachRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InputEmbeddingBlock block = block(manager);
            float[] out = block.forward(new ParameterStore(manager, false),
                    new NDList(features(manager)), false).singletonOrThrow().toFloatArray();
            float meanA = (10 + 30 + 10) / 3f;
            float meanB = (20 + 40 + 20) / 3f;
            assertThat(out).containsExactly(new float[] {
                7, 3, 4, meanA, meanB, 100, 120,
                8, 0, 0, 0, 0, 0, 0}, within(1e-5f));
            assertThat(block.getOutputShapes(new Shape[] {new Shape(2, 8)})[0])
                    .isEqualTo(new Shape(2, 7));
        }
    }

    @Test
    void tableGradientsAreTheTokenCountsWithCollectionsBeforeBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InputEmbeddingBlock block = block(manager);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(manager, false),
                        new NDList(features(manager)), true).singletonOrThrow();
                NDArray loss = out.sum();
                GarbageCollections.force();
                collector.backward(loss);
            }
            // d sum / d user row = 1 for row 2 (first row) and the reserved row 0 (second row)
            assertThat(block.tables().get(0).getArray().getGradient().toFloatArray())
                    .containsExactly(new float[] {1, 1, 0, 0, 1, 1}, within(1e-6f));
            // tokens: 1 twice and 2 once in a mean of 3 (2/3, 1/3); 3 twice in a sum (2)
            float third = 1 / 3f;
            assertThat(block.tables().get(1).getArray().getGradient().toFloatArray())
                    .containsExactly(new float[] {0, 0, 2 * third, 2 * third, third, third, 2, 2},
                            within(1e-6f));
        }
    }

    @Test
    void tablesStartWithTheReservedRowAtZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InputEmbeddingBlock block = new InputEmbeddingBlock(new EmbeddingLayout(0,
                    List.of(new TableSize("user", 1000, 4)), List.of(new Lookup(0, 0, 1, "one"))));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            float[] table = block.tables().get(0).getArray().toFloatArray();
            assertThat(java.util.Arrays.copyOf(table, 4)).containsOnly(0f);
            double sum = 0;
            double squares = 0;
            for (int i = 4; i < table.length; i++) {
                sum += table[i];
                squares += table[i] * table[i];
            }
            int n = table.length - 4;
            assertThat(sum / n).isCloseTo(0, within(0.1));
            assertThat(squares / n).isCloseTo(1, within(0.1));
        }
    }

    private static InputEmbeddingBlock block(NDManager manager) {
        InputEmbeddingBlock block = new InputEmbeddingBlock(LAYOUT);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
        block.tables().get(0).getArray().set(USERS);
        block.tables().get(1).getArray().set(TOKENS);
        return block;
    }

    private static NDArray features(NDManager manager) {
        float[] flat = new float[16];
        System.arraycopy(ROWS[0], 0, flat, 0, 8);
        System.arraycopy(ROWS[1], 0, flat, 8, 8);
        return manager.create(flat, new Shape(2, 8));
    }
}
