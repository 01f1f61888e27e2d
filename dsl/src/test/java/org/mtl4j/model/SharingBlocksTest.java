package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.MixtureOfExperts;

class SharingBlocksTest {

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        store = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray features(int rows, int columns) {
        manager.getEngine().setRandomSeed(7);
        return manager.randomNormal(new Shape(rows, columns));
    }

    private <B extends Block> B initialised(B block, int columns) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, columns));
        return block;
    }

    private static MixtureOfExperts experts(int count, int taskExperts, int levels,
            Layer... layers) {
        return new MixtureOfExperts(count, List.of(layers), taskExperts, levels, true);
    }

    @Test
    void mmoeGivesEachTaskAMixtureOfExpertWidthAndGatesThatSumToOne() {
        MixtureOfExpertsBlock mmoe = initialised(MixtureOfExpertsBlock.of(
                MixtureOfExperts.mmoe(8, List.of(dense(16), relu())), 3), 10);
        NDArray x = features(5, 10);

        NDList outputs = mmoe.forward(store, new NDList(x), false);
        List<GateWeights> gates = mmoe.gateWeights(store, new NDList(x));

        assertThat(outputs).hasSize(3);
        assertThat(outputs.get(2).getShape()).isEqualTo(new Shape(5, 16));
        assertThat(gates).extracting(GateWeights::task).containsExactly(0, 1, 2);
        for (GateWeights gate : gates) {
            assertThat(gate.weights().getShape()).isEqualTo(new Shape(5, 8));
            for (float sum : gate.weights().sum(new int[] {1}).toFloatArray()) {
                assertThat(sum).isCloseTo(1f, within(1e-5f));
            }
        }
        assertThat(gates.get(0).experts()).first().isEqualTo(new Expert(-1, 1));
    }

    @Test
    void mmoeWithOneExpertIsThatExpert() {
        MixtureOfExpertsBlock mmoe = initialised(MixtureOfExpertsBlock.of(
                MixtureOfExperts.mmoe(1, List.of(dense(4), tanh())), 2), 6);
        NDArray x = features(3, 6);
        List<Block> level = mmoe.getChildren().valueAt(0).getChildren().values();
        Block expert = level.get(level.size() - 1);   // gate 0, gate 1, the expert

        NDList outputs = mmoe.forward(store, new NDList(x), false);
        NDArray alone = expert.forward(store, new NDList(x), false).singletonOrThrow();

        for (NDArray output : outputs) {
            assertThat(output.toFloatArray()).containsExactly(alone.toFloatArray(),
                    within(1e-6f));
        }
    }

    @Test
    void cgcGatesMixOwnThenSharedExpertsAndPleAddsASharedGateBetweenLevels() {
        MixtureOfExpertsBlock cgc = initialised(MixtureOfExpertsBlock.of(
                experts(3, 2, 1, dense(8), relu()), 2), 5);
        MixtureOfExpertsBlock ple = initialised(MixtureOfExpertsBlock.of(
                experts(3, 2, 2, dense(8), relu()), 2), 5);
        NDArray x = features(4, 5);

        List<GateWeights> cgcGates = cgc.gateWeights(store, new NDList(x));
        List<GateWeights> pleGates = ple.gateWeights(store, new NDList(x));
        NDList pleOutputs = ple.forward(store, new NDList(x), false);

        assertThat(cgcGates).hasSize(2);
        assertThat(cgcGates.get(1).experts()).containsExactly(new Expert(1, 1), new Expert(1, 2),
                new Expert(-1, 1), new Expert(-1, 2), new Expert(-1, 3));
        assertThat(pleGates).extracting(GateWeights::level).containsExactly(1, 1, 1, 2, 2);
        assertThat(pleGates.get(2).task()).isEqualTo(-1);
        assertThat(pleGates.get(2).weights().getShape()).isEqualTo(new Shape(4, 7));
        assertThat(pleOutputs).hasSize(2);
        assertThat(pleOutputs.get(0).getShape()).isEqualTo(new Shape(4, 8));
        for (GateWeights gate : pleGates) {
            for (float sum : gate.weights().sum(new int[] {1}).toFloatArray()) {
                assertThat(sum).isCloseTo(1f, within(1e-5f));
            }
        }
    }

    @Test
    void sharedGateGivesEveryTaskTheSameMixture() {
        MixtureOfExpertsBlock omoe = initialised(MixtureOfExpertsBlock.of(
                new MixtureOfExperts(4, List.of(dense(6)), 0, 1, false), 2), 5);

        NDList outputs = omoe.forward(store, new NDList(features(3, 5)), false);
        List<GateWeights> gates = omoe.gateWeights(store, new NDList(features(3, 5)));

        assertThat(outputs.get(0).toFloatArray()).containsExactly(outputs.get(1).toFloatArray());
        assertThat(gates).singleElement().extracting(GateWeights::task).isEqualTo(-1);
    }

    @Test
    void crossStitchWithIdentityUnitsEqualsIndependentColumns() {
        CrossStitchBlock stitch = initialised(CrossStitchBlock.of(
                new CrossStitch(List.of(dense(6), relu()), 1.0), 2), 4);
        NDArray x = features(3, 4);
        List<Block> children = stitch.getChildren().values();   // column 0, column 1, unit

        NDList outputs = stitch.forward(store, new NDList(x), false);

        for (int t = 0; t < 2; t++) {
            NDArray column = children.get(t).forward(store, new NDList(x), false)
                    .singletonOrThrow();
            assertThat(outputs.get(t).toFloatArray()).containsExactly(column.toFloatArray(),
                    within(1e-6f));
        }
        assertThat(outputs.get(0).toFloatArray()).isNotEqualTo(outputs.get(1).toFloatArray());
    }

    @Test
    void crossStitchUnitsStartAtTheSelfWeightAndMixColumns() {
        CrossStitchBlock stitch = initialised(CrossStitchBlock.of(
                new CrossStitch(List.of(dense(6), relu(), dense(3)), 0.8), 3), 4);
        NDArray x = features(2, 4);

        NDList outputs = stitch.forward(store, new NDList(x), false);

        assertThat(stitch.units()).hasSize(2);
        assertThat(stitch.units().get(0).alpha().getArray().toFloatArray())
                .containsExactly(new float[] {0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.1f,
                        0.8f}, within(1e-6f));
        assertThat(outputs).hasSize(3);
        assertThat(outputs.get(2).getShape()).isEqualTo(new Shape(2, 3));
    }

    @Test
    void sharedParametersAreEveryNonHeadParameterInForwardOrder() {
        MultiTaskBlock block = initialised(new MultiTaskBlock(
                MixtureOfExpertsBlock.of(MixtureOfExperts.mmoe(8, List.of(dense(16), relu())), 2),
                List.of(Blocks.sequence(List.of(dense(8), relu(), dense(1))),
                        Blocks.sequence(List.of(dense(8), relu(), dense(1))))), 100);

        List<Parameter> shared = block.sharedParameters();

        List<Parameter> notHeads = new ArrayList<>(block.getParameters().values());
        block.heads().forEach(h -> notHeads.removeAll(h.getParameters().values()));
        assertThat(shared).containsExactlyElementsOf(notHeads).hasSize(8 * 2 + 2 * 2);
        assertThat(shared.get(0).getArray().getShape()).isEqualTo(new Shape(8, 100));
        assertThat(shared.get(4).getArray().getShape()).isEqualTo(new Shape(16, 100));
        assertThat(block.lastSharedLayer()).hasSize(8)
                .allSatisfy(p -> assertThat(p.getArray().getShape()).isEqualTo(
                        new Shape(16, 100)));
        assertThat(MultiTaskBlock.parameterCount(block.sharing()))
                .isEqualTo(8 * (100 * 16 + 16) + 2 * (100 * 8 + 8));
    }

    @Test
    void crossStitchSharedParametersInterleaveColumnsAndUnits() {
        MultiTaskBlock block = initialised(new MultiTaskBlock(
                CrossStitchBlock.of(new CrossStitch(List.of(dense(4), relu(), dense(3)), 0.9), 2),
                List.of(Blocks.sequence(List.of(dense(1))), Blocks.sequence(List.of(dense(1))))),
                5);

        List<Shape> shapes = block.sharedParameters().stream()
                .map(p -> p.getArray().getShape()).toList();

        assertThat(shapes).containsExactly(
                new Shape(4, 5), new Shape(4), new Shape(4, 5), new Shape(4), new Shape(2, 2),
                new Shape(3, 4), new Shape(3), new Shape(3, 4), new Shape(3), new Shape(2, 2));
        assertThat(block.lastSharedLayer()).containsExactly(
                block.sharedParameters().get(9));
    }

    @Test
    void hardSharingLastSharedLayerIsTheTrunksLastDenseWeight() {
        MultiTaskBlock block = initialised(new MultiTaskBlock(
                HardSharingBlock.of(List.of(dense(6), relu(), dense(4), relu()), 2),
                List.of(Blocks.sequence(List.of(dense(1))), Blocks.sequence(List.of(dense(1))))),
                3);

        assertThat(block.sharedParameters()).hasSize(4);
        assertThat(block.lastSharedLayer()).containsExactly(block.sharedParameters().get(2));
    }

    @Test
    void theLastTwoDimensionalSharedParameterIsInTheLastSharedLayerOfEveryArchitecture() {
        List<SharingBlock> blocks = List.of(
                HardSharingBlock.of(List.of(dense(6), relu()), 2),
                MixtureOfExpertsBlock.of(MixtureOfExperts.mmoe(3, List.of(dense(4), relu())), 2),
                MixtureOfExpertsBlock.of(experts(2, 1, 1, dense(4), relu()), 2),
                MixtureOfExpertsBlock.of(experts(2, 1, 2, dense(4), relu()), 2),
                CrossStitchBlock.of(new CrossStitch(List.of(dense(4), relu()), 0.9), 2));
        for (SharingBlock block : blocks) {
            initialised(block, 5);
            List<Parameter> shared = block.getParameters().values();
            Parameter last = null;
            for (Parameter parameter : shared) {
                if (parameter.getArray().getShape().dimension() == 2) {
                    last = parameter;
                }
            }

            assertThat(block.lastSharedLayer()).as(block.getClass().getSimpleName())
                    .contains(last);
        }
    }

    @Test
    void everyTaskLossReachesTheLastSharedLayer() {
        MixtureOfExpertsBlock ple = initialised(MixtureOfExpertsBlock.of(
                experts(2, 1, 2, dense(4), relu()), 2), 5);
        NDArray x = features(6, 5);
        for (int t = 0; t < 2; t++) {
            try (ai.djl.training.GradientCollector collector =
                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                collector.backward(ple.forward(store, new NDList(x), true).get(t).sum());
            }
            NDArray gradient = ple.lastSharedLayer().get(1).getArray().getGradient();

            assertThat(gradient.abs().sum().getFloat()).as("task %d", t).isGreaterThan(0f);
            gradient.subi(gradient);
        }
    }
}
