package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelBuilder;

/**
 * Which initializer each parameter gets: a layer's own {@code .init(...)} beats the model's, gates
 * follow {@code gateInit} or else the model, cross-stitch units are not drawn. Weights drawn from
 * normal(±5, 0.01) show by their mean which one applied.
 */
class InitializerOverrideTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        manager.getEngine().setRandomSeed(3);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private MultiTaskBlock block(ModelBuilder model) {
        MultiTaskBlock block = MultiTaskBlock.of(model
                .task("a").head(dense(4), relu(), dense(1)).loss(mse())
                .task("b").head(dense(1).init(normal(-5, 0.01))).loss(mse()).build().spec());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 6));
        return block;
    }

    /** The mean of every weight matrix whose name contains {@code part}, in block order. */
    private static List<Double> weightMeans(Block block, String part) {
        return block.getParameters().stream()
                .filter(p -> p.getKey().contains(part) && p.getKey().endsWith("weight"))
                .map(p -> mean(p.getValue()))
                .toList();
    }

    private static double mean(Parameter parameter) {
        return new WeightStatistics(parameter.getArray().toFloatArray()).mean;
    }

    @Test
    void aLayersOwnInitializerBeatsTheModelsInTrunkAndHeads() {
        MultiTaskBlock block = block(multiTask().initializer(normal(5, 0.01))
                .input(numeric("x"))
                .trunk(dense(8).init(normal(-5, 0.01)), relu(), dense(8)));
        assertThat(weightMeans(block.trunk(), "")).satisfiesExactly(
                m -> assertThat(m).isCloseTo(-5, within(0.01)),
                m -> assertThat(m).isCloseTo(5, within(0.01)));
        assertThat(weightMeans(block.heads().get(0), "")).allSatisfy(
                m -> assertThat(m).isCloseTo(5, within(0.01)));
        assertThat(weightMeans(block.heads().get(1), "")).singleElement()
                .satisfies(m -> assertThat(m).isCloseTo(-5, within(0.01)));
    }

    @Test
    void gatesFollowTheModelUnlessGateInitSaysOtherwise() {
        MultiTaskBlock model = block(multiTask().initializer(normal(5, 0.01))
                .input(numeric("x")).experts(3, dense(8), relu()).gates());
        assertThat(weightMeans(model.sharing(), "gate")).hasSize(2)
                .allSatisfy(m -> assertThat(m).isCloseTo(5, within(0.01)));
        MultiTaskBlock own = block(multiTask().initializer(normal(5, 0.01))
                .input(numeric("x"))
                .experts(3, dense(8), relu()).gateInit(normal(-5, 0.01)).gates());
        assertThat(weightMeans(own.sharing(), "gate")).hasSize(2)
                .allSatisfy(m -> assertThat(m).isCloseTo(-5, within(0.01)));
        assertThat(weightMeans(own.sharing(), "shared")).hasSize(3)
                .allSatisfy(m -> assertThat(m).isCloseTo(5, within(0.01)));
    }

    @Test
    void pleSharedGatesFollowGateInitToo() {
        MultiTaskBlock ple = block(multiTask().input(numeric("x"))
                .experts(2, dense(4)).taskExperts(1).levels(2).gateInit(normal(-5, 0.01))
                .gates());
        assertThat(weightMeans(ple.sharing(), "ate")).hasSize(5)
                .allSatisfy(m -> assertThat(m).isCloseTo(-5, within(0.01)));
    }

    @Test
    void crossStitchUnitsStartAtTheirSelfWeightWhateverTheInitializer() {
        MultiTaskBlock stitch = block(multiTask().initializer(normal(5, 0.01))
                .input(numeric("x")).crossStitch(0.8, dense(8), relu()));
        CrossStitchBlock sharing = (CrossStitchBlock) stitch.sharing();
        assertThat(sharing.units().get(0).alpha().getArray().toFloatArray())
                .containsExactly(0.8f, 0.2f, 0.2f, 0.8f);
        assertThat(weightMeans(sharing, "stage")).hasSize(2)
                .allSatisfy(m -> assertThat(m).isCloseTo(5, within(0.01)));
    }
}
