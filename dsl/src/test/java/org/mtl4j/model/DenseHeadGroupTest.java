package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.engine.Torch;

/** Heads of one dense layer each run as one product, with the same outputs and gradients. */
class DenseHeadGroupTest {

    @Test
    void groupedHeadsGiveEachHeadItsOwnOutputAndGradient() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(3);
            List<Block> heads = List.of(Blocks.sequence(List.of(dense(2))),
                    Blocks.sequence(List.of(dense(4), relu(), dense(1))),
                    Blocks.sequence(List.of(dense(1))), Blocks.sequence(List.of(dense(3))),
                    Blocks.sequence(List.of(dense(1))));
            assertThat(DenseHeadGroup.of(heads)).as("four single-dense heads form a group")
                    .isNotNull();
            assertThat(DenseHeadGroup.of(heads.subList(0, 4))).as("three do not").isNull();
            MultiTaskBlock block = new MultiTaskBlock(
                    HardSharingBlock.of(List.of(dense(6), tanh()), heads.size()), heads);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(7, 5));

            List<float[]> grouped = new ArrayList<>();
            List<float[]> groupedGradients = run(block, store, () -> block.forward(
                    store, new NDList(x), true), grouped);
            List<float[]> separate = new ArrayList<>();
            List<float[]> separateGradients = run(block, store, () -> {
                NDArray shared = block.trunk().forward(store, new NDList(x), true).head();
                NDList outputs = new NDList();
                for (Block head : heads) {
                    outputs.add(head.forward(store, new NDList(shared), true).head());
                }
                return outputs;
            }, separate);

            for (int t = 0; t < heads.size(); t++) {
                assertThat(grouped.get(t)).as("output of head %d", t)
                        .containsExactly(separate.get(t), within(1e-5f));
            }
            assertThat(grouped.get(0)).hasSize(7 * 2);
            assertThat(grouped.get(3)).hasSize(7 * 3);
            for (int p = 0; p < groupedGradients.size(); p++) {
                assertThat(groupedGradients.get(p)).as("gradient of parameter %d", p)
                        .containsExactly(separateGradients.get(p), within(1e-5f));
            }
        }
    }

    /** Runs a forward, backpropagates Σ_t t·sum(output_t); returns every parameter's gradient. */
    private static List<float[]> run(MultiTaskBlock block, ParameterStore store,
            java.util.function.Supplier<NDList> forward, List<float[]> outputs) {
        for (Parameter parameter : block.getParameters().values()) {
            Torch.zeroGradient(parameter.getArray());
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = forward.get();
            NDArray objective = null;
            for (int t = 0; t < out.size(); t++) {
                outputs.add(out.get(t).toFloatArray());
                NDArray term = out.get(t).sum().mul(out.get(t).getManager().create(t + 1f));
                objective = objective == null ? term : objective.add(term);
            }
            collector.backward(objective);
        }
        List<float[]> gradients = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            gradients.add(parameter.getArray().getGradient().toFloatArray());
        }
        return gradients;
    }
}
