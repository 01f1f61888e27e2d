package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelBuilder;
import org.mtl4j.spec.layers.Initializer;

/**
 * How peaked MMoE's gates start on 100 standard-normal features: a gate's logits have variance
 * fan_in·Var(W) (+ Var(b)), 2 under the default (He-normal) and about 1/3 under PyTorch's, so the
 * default's softmax starts further from uniform; {@code gateInit(normal(0, 1e-4))} starts it
 * almost uniform.
 */
class GateStartTest {

    private static final int FEATURES = 100;
    private static final int EXPERTS = 8;

    /** The mean entropy of the first gate's distribution over 2000 rows, in nats. */
    private static double gateEntropy(ModelBuilder model) {
        MultiTaskBlock block = MultiTaskBlock.of(model
                .task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse()).build().spec());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(21);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
            NDArray x = manager.randomNormal(new Shape(2000, FEATURES));
            List<GateWeights> gates = ((MixtureOfExpertsBlock) block.sharing())
                    .gateWeights(new ParameterStore(manager, false), new NDList(x));
            float[] p = gates.get(0).weights().toFloatArray();
            double entropy = 0;
            for (float v : p) {
                entropy -= v > 0 ? v * Math.log(v) : 0;
            }
            return entropy / 2000;
        }
    }

    private static ModelBuilder mmoe(Initializer init) {
        return multiTask().initializer(init).input(numeric("x"))
                .experts(EXPERTS, dense(16), relu()).gates();
    }

    @Test
    void theDefaultStartsTheGatesMorePeakedThanPytorchsAndGateInitCanStartThemUniform() {
        double uniform = Math.log(EXPERTS);
        double djl = gateEntropy(mmoe(kaimingNormal()));
        double pytorch = gateEntropy(mmoe(pytorchDefault()));
        double flat = gateEntropy(multiTask().input(numeric("x"))
                .experts(EXPERTS, dense(16), relu()).gateInit(normal(0, 1e-4)).gates());
        assertThat(djl).isLessThan(pytorch - 0.2);
        assertThat(pytorch).isLessThan(uniform - 0.05);
        assertThat(flat).isGreaterThan(uniform * 0.9999);
    }
}
