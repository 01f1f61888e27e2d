package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtl4j.spec.layers.Initializer;

/**
 * Each initializer draws what its formula says, on a 500 × 1000 layer (fan_out 500, fan_in
 * 1000), seeded; the default draws exactly what DJL's own {@code Linear} draws.
 */
class InitializerTest {

    private static final int FAN_IN = 1000;
    private static final int FAN_OUT = 500;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A trunk of one dense(500) on 1000 features, seeded, built as {@code init} says. */
    private Block trunk(Initializer init, int seed) {
        MultiTaskBlock block = MultiTaskBlock.of(multiTask().initializer(init)
                .input(numeric("x")).trunk(dense(FAN_OUT))
                .task("y").head(dense(1)).loss(mse()).build().spec());
        manager.getEngine().setRandomSeed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, FAN_IN));
        return block.trunk();
    }

    private static WeightStatistics parameter(Block block, String suffix) {
        return new WeightStatistics(find(block, suffix).getArray().toFloatArray());
    }

    static Parameter find(Block block, String suffix) {
        return block.getParameters().stream()
                .filter(p -> p.getKey().endsWith(suffix))
                .findFirst().orElseThrow().getValue();
    }

    @Test
    void pytorchDefaultDrawsWeightsAndBiasesUniformInOneOverRootFanIn() {
        Block trunk = trunk(pytorchDefault(), 1);
        double bound = 1 / Math.sqrt(FAN_IN);
        parameter(trunk, "weight").assertUniform(bound, 0.01);
        WeightStatistics bias = parameter(trunk, "bias");
        assertThat(bias.min).isGreaterThanOrEqualTo(-bound);
        assertThat(bias.max).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.9);
        assertThat(bias.variance).isBetween(bound * bound / 3 * 0.8, bound * bound / 3 * 1.2);
    }

    @Test
    void xavierUniformBoundIsGainTimesRootSixOverFanSum() {
        Block trunk = trunk(xavierUniform(), 2);
        parameter(trunk, "weight").assertUniform(Math.sqrt(6.0 / (FAN_IN + FAN_OUT)), 0.01);
        assertThat(parameter(trunk, "bias").variance).isZero();
        parameter(trunk(xavierUniform(2), 2), "weight")
                .assertUniform(2 * Math.sqrt(6.0 / (FAN_IN + FAN_OUT)), 0.01);
    }

    @Test
    void xavierNormalHasVarianceGainSquaredTimesTwoOverFanSum() {
        parameter(trunk(xavierNormal(), 3), "weight")
                .assertNormal(0, Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
        Block trunk = trunk(xavierNormal(5.0 / 3), 3);
        parameter(trunk, "weight").assertNormal(0, 5.0 / 3 * Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
        assertThat(parameter(trunk, "bias").max).isZero();
    }

    @Test
    void kaimingUniformBoundIsGainTimesRootThreeOverTheChosenFan() {
        parameter(trunk(kaimingUniform(), 4), "weight")
                .assertUniform(Math.sqrt(2) * Math.sqrt(3.0 / FAN_IN), 0.01);
        parameter(trunk(kaimingUniform("fan_out", "tanh"), 4), "weight")
                .assertUniform(5.0 / 3 * Math.sqrt(3.0 / FAN_OUT), 0.01);
        parameter(trunk(kaimingUniform("fan_in", "linear"), 4), "weight")
                .assertUniform(Math.sqrt(3.0 / FAN_IN), 0.01);
    }

    @Test
    void kaimingNormalHasVarianceGainSquaredOverTheChosenFan() {
        parameter(trunk(kaimingNormal("fan_out", "relu"), 5), "weight")
                .assertNormal(0, Math.sqrt(2.0 / FAN_OUT));
        parameter(trunk(kaimingNormal(0.2, "fan_in", "leaky_relu"), 5), "weight")
                .assertNormal(0, Math.sqrt(2 / (1 + 0.04) / FAN_IN));
        parameter(trunk(kaimingNormal("fan_in", "selu"), 5), "weight")
                .assertNormal(0, 0.75 / Math.sqrt(FAN_IN));
    }

    @Test
    void pytorchDefaultIsKaimingUniformWithASlopeOfRootFive() {
        parameter(trunk(kaimingUniform(Math.sqrt(5), "fan_in", "leaky_relu"), 6), "weight")
                .assertUniform(1 / Math.sqrt(FAN_IN), 0.01);
    }

    @Test
    void normalHasTheGivenMeanAndStandardDeviationWhateverTheSize() {
        Block trunk = trunk(normal(0.5, 0.01), 7);
        parameter(trunk, "weight").assertNormal(0.5, 0.01);
        assertThat(parameter(trunk, "bias").max).isZero();
    }

    @Test
    void theDefaultIsKaimingNormalAndDrawsExactlyWhatDjlsLinearDraws() {
        assertThat(multiTask().spec().initializer()).isEqualTo(kaimingNormal())
                .isSameAs(Initializer.DEFAULT);
        Block linear = Linear.builder().setUnits(FAN_OUT).build();
        manager.getEngine().setRandomSeed(8);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, FAN_IN));
        Block ours = trunk(kaimingNormal(), 8);
        // isEqualTo compares arrays element by element, bit for bit (containsExactly is slow here)
        assertThat(find(ours, "weight").getArray().toFloatArray())
                .isEqualTo(find(linear, "weight").getArray().toFloatArray());
        assertThat(find(ours, "bias").getArray().toFloatArray())
                .isEqualTo(find(linear, "bias").getArray().toFloatArray());
        parameter(ours, "weight").assertNormal(0, Math.sqrt(2.0 / FAN_IN));
    }

    @Test
    void theSameSeedDrawsTheSameWeightsAndAnotherSeedOthers() {
        float[] first = find(trunk(pytorchDefault(), 11), "weight").getArray().toFloatArray();
        float[] again = find(trunk(pytorchDefault(), 11), "weight").getArray().toFloatArray();
        float[] other = find(trunk(pytorchDefault(), 12), "weight").getArray().toFloatArray();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }
}
