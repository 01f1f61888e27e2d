package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DB-MTL on a shared layer W (1 × 2) with losses {@code L_t = exp(W · x_t)}: the gradient of
 * {@code log L_t} is exactly {@code x_t}, whatever W is, so the buffers can be followed by hand.
 */
class DbMtlWeightingTest {

    private static final List<String> TASKS = List.of("a", "b");

    private NDManager manager;
    private Block shared;
    private Parameter weight;

    @BeforeEach
    void sharedLayer() {
        manager = NDManager.newBaseManager("PyTorch");
        shared = Linear.builder().setUnits(1).optBias(false).build();
        shared.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        weight = shared.getParameters().values().get(0);
    }

    @AfterEach
    void free() {
        manager.close();
    }

    /** One step: the weights returned, and W's gradient. */
    private double[][] step(TaskWeigher weigher, double[] xa, double[] xb) {
        org.mtl4j.engine.Torch.zeroGradient(weight.getArray());
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray lossA = shared.forward(store, new NDList(input(step, xa)), true).head().sum()
                    .exp();
            NDArray lossB = shared.forward(store, new NDList(input(step, xb)), true).head().sum()
                    .exp();
            NDArray used = weigher.backward(TaskLosses.of(TASKS, step, collector, lossA, lossB));
            NDArray gradient = weight.getArray().getGradient();
            gradient.attach(step);
            return new double[][] {
                used.toType(DataType.FLOAT64, false).toDoubleArray(),
                gradient.toType(DataType.FLOAT64, false).toDoubleArray()};
        }
    }

    private static NDArray input(NDManager manager, double[] x) {
        return manager.create(new float[] {(float) x[0], (float) x[1]}, new Shape(1, 2));
    }

    private TaskWeigher start(Weighting weighting) {
        return weighting.start(WeightingContext.of(TASKS, manager, List.of(weight)));
    }

    @Test
    void buffersAverageTheLogGradientsAndAreScaledToTheLargest() {
        // GIVEN log-gradients (1, 0) and (0, 2), β = 0.9, σ = 0, buffers at 0:
        // step 1: b = 0.1 g = (0.1, 0), (0, 0.2); α = (2, 1); update (0.2, 0.2)
        // step 2: b = 0.1 g + 0.9 · 0.1 g = 0.19 g; α = (2, 1); update (0.38, 0.38)
        TaskWeigher weigher = start(dbMtl());
        double[] xa = {1, 0};
        double[] xb = {0, 2};

        double[][] first = step(weigher, xa, xb);
        double[][] second = step(weigher, xa, xb);

        assertThat(first[0]).containsExactly(new double[] {2, 1}, within(1e-5));
        assertThat(first[1]).containsExactly(new double[] {0.2, 0.2}, within(1e-6));
        assertThat(second[1]).containsExactly(new double[] {0.38, 0.38}, within(1e-6));
    }

    @Test
    void sigmaLetsTheAverageForgetFasterOverSteps() {
        // GIVEN β = 0.5, σ = 1: β_1 = 0.5, β_2 = 0.25; b_a = 0.5 g then 0.75 g + 0.25 · 0.5 g
        TaskWeigher weigher = start(dbMtl(0.5, 1));
        double[] xa = {1, 0};
        double[] xb = {0, 1};

        step(weigher, xa, xb);
        double[][] second = step(weigher, xa, xb);

        assertThat(second[1]).containsExactly(new double[] {0.875, 0.875}, within(1e-6));
    }

    @Test
    void savedBuffersContinueExactly() {
        TaskWeigher original = start(dbMtl());
        step(original, new double[] {1, 0}, new double[] {0, 2});
        TaskWeigher restored = start(dbMtl());
        restored.restore(original.state());

        double[] xa = {0.5, 1};
        double[] xb = {-1, 3};
        assertThat(step(restored, xa, xb)[1]).containsExactly(step(original, xa, xb)[1]);
    }

    @Test
    void onlyTheBuffersOutliveAStepOrASave() {
        TaskWeigher weigher = start(dbMtl());
        step(weigher, new double[] {1, 0}, new double[] {0, 2});
        int afterFirst = manager.getManagedArrays().size();

        for (int i = 0; i < 20; i++) {
            step(weigher, new double[] {1, 0}, new double[] {0, 2});
            weigher.restore(weigher.state());
        }

        assertThat(manager.getManagedArrays()).hasSize(afterFirst);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> dbMtl(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dbMtl(beta, sigma) needs 0 ≤ beta < 1. Received: beta=1.0. Use e.g."
                        + " dbMtl(0.9, 0).");
        assertThatThrownBy(() -> dbMtl(0.9, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dbMtl(beta, sigma) needs a finite sigma ≥ 0. Received: sigma=-1.0."
                        + " Use e.g. dbMtl(0.9, 0).");
    }
}
