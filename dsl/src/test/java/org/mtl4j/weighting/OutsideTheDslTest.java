package org.mtl4j.weighting;

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
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strategies driven from a hand-written DJL loop, on a shared layer {@code W} (1 × 2) whose task
 * losses are linear, {@code L_t = W · x_t}, so each task's gradient is exactly {@code x_t}.
 */
class OutsideTheDslTest {

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

    /** One step: the returned weights, and W's gradient left for the optimizer. */
    private double[][] step(TaskWeigher weigher, double[] x1, double[] x2) {
        // what the optimizer's update does after every step
        org.mtl4j.engine.Torch.zeroGradient(weight.getArray());
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray lossA = shared.forward(store, new NDList(input(step, x1)), true).head().sum();
            NDArray lossB = shared.forward(store, new NDList(input(step, x2)), true).head().sum();
            NDArray weights = weigher.backward(TaskLosses.of(TASKS, step, collector, lossA, lossB));
            double[] gradient = weight.getArray().getGradient().toType(DataType.FLOAT64, false)
                    .toDoubleArray();
            double[] used = weights.toType(DataType.FLOAT64, false).toDoubleArray();
            return new double[][] {used, gradient};
        }
    }

    private static NDArray input(NDManager manager, double[] x) {
        return manager.create(new float[] {(float) x[0], (float) x[1]}, new Shape(1, 2));
    }

    private TaskWeigher start(Weighting weighting) {
        return weighting.start(WeightingContext.of(TASKS, manager, List.of(weight)));
    }

    @Test
    void pcgradLeavesTheProjectedSumOnTheSharedLayer() {
        double[][] result = step(start(pcgrad()), new double[] {1, 0}, new double[] {-1, 1});

        assertThat(result[1]).containsExactly(new double[] {0.5, 1.5}, within(1e-6));
        assertThat(result[0]).containsExactly(new double[] {2, 1.5}, within(1e-6));
    }

    @Test
    void mgdaLeavesTheMinimumNormPoint() {
        double[][] result = step(start(mgda()), new double[] {1, 0}, new double[] {0, 2});

        assertThat(result[1]).containsExactly(new double[] {0.8, 0.4}, within(1e-6));
    }

    @Test
    void mgdaWithLossNormalisationReadsTheStepsLosses() {
        // GIVEN W = (1, 1): L_a = 1 with g_a = (1, 0), L_b = 2 with g_b = (0, 2); divided by
        // their losses both are unit vectors, so α = (1/2, 1/2) on the raw gradients
        weight.getArray().set(java.nio.FloatBuffer.wrap(new float[] {1, 1}));

        double[][] result = step(start(mgda().normalize("loss")), new double[] {1, 0},
                new double[] {0, 2});

        assertThat(result[0]).containsExactly(new double[] {0.5, 0.5}, within(1e-6));
        assertThat(result[1]).containsExactly(new double[] {0.5, 1.0}, within(1e-6));
    }

    @Test
    void imtlAndNashMtlLeaveTheirCombinations() {
        double[][] imtl = step(start(imtl()), new double[] {1, 0}, new double[] {0, 2});
        assertThat(imtl[1]).containsExactly(new double[] {2.0 / 3, 2.0 / 3}, within(1e-6));

        double[][] nash = step(start(nashMtl()), new double[] {1, 0}, new double[] {0, 2});
        // each task gains the same: g_i · d = 17^(1/4)
        assertThat(nash[1]).containsExactly(
                new double[] {Math.pow(17, 0.25), Math.pow(17, 0.25)}, within(1e-5));
    }

    @Test
    void gradNormFirstStepUsesEqualWeightsThenFavoursTheSmallGradient() {
        TaskWeigher weigher = start(gradNorm(0.12));
        double[] x1 = {1, 0};
        double[] x2 = {0, 10};

        double[][] first = step(weigher, x1, x2);
        double[][] second = step(weigher, x1, x2);

        assertThat(first[0]).containsExactly(new double[] {1, 1}, within(1e-12));
        assertThat(first[1]).containsExactly(new double[] {1, 10}, within(1e-6));
        // one Adam step of size 1e-3: task a (norm 1 < 5.5) up, task b down, sum kept at 2
        assertThat(second[0]).containsExactly(new double[] {1.001, 0.999}, within(1e-9));
        assertThat(second[1]).containsExactly(new double[] {1.001, 9.99}, within(1e-5));
    }

    /**
     * The weights {@code weighting} gives after 1500 steps of the fixed losses L_a = 4 and
     * L_b = 0.25, its own parameters updated by Adam(0.05).
     */
    private double[] weightsAfter1500Steps(Weighting weighting) {
        TaskWeigher weigher = weighting.start(new WeightingContext(TASKS, manager,
                new org.mtl4j.engine.Scalars(manager, DataType.FLOAT32), List.of(weight), 0,
                () -> adam(0.05).create()));
        double[] weights = null;
        for (int i = 0; i < 1500; i++) {
            try (NDManager step = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray lossA = step.create(4f);
                NDArray lossB = step.create(0.25f);
                weights = weigher.backward(TaskLosses.of(TASKS, step, collector, lossA, lossB))
                        .toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
        return weights;
    }

    @Test
    void uncertaintyWeightsSettleAtOneOverTwiceTheLoss() {
        double[] weights = weightsAfter1500Steps(uncertainty(0));

        assertThat(weights).containsExactly(new double[] {0.125, 2.0}, within(0.01));
        assertThat(manager.getManagedArrays()).hasSizeLessThan(20);
    }

    @Test
    void imtlLScalesEveryLossTowardsOne() {
        double[] weights = weightsAfter1500Steps(imtlL());

        // e^{s_t} L_t − s_t is least at e^{s_t} = 1 / L_t
        assertThat(weights).containsExactly(new double[] {0.25, 4.0}, within(0.02));
        assertThat(manager.getManagedArrays()).hasSizeLessThan(20);
    }

    @Test
    void fullImtlCombinesTheScaledLossesGradientsByImtlG() {
        // GIVEN W = (1, 1): L_a = 1 with g_a = (1, 0), L_b = 2 with g_b = (0, 2), held fixed
        weight.getArray().set(java.nio.FloatBuffer.wrap(new float[] {1, 1}));
        TaskWeigher weigher = imtl().withLossScales().start(new WeightingContext(TASKS, manager,
                new org.mtl4j.engine.Scalars(manager, DataType.FLOAT32), List.of(weight), 0,
                () -> adam(0.05).create()));

        // WHEN the first step runs (scales 1: IMTL-G itself), then 1500 more
        double[][] first = step(weigher, new double[] {1, 0}, new double[] {0, 2});
        double[][] last = first;
        for (int i = 0; i < 1500; i++) {
            last = step(weigher, new double[] {1, 0}, new double[] {0, 2});
        }

        // THEN first IMTL-G's (2/3, 2/3); at the end e^{s} = 1/L = (1, 1/2), the scaled gradients
        // (1, 0) and (0, 1) are combined half and half: d = (1/2, 1/2), weights α e^{s} = (1/2, 1/4)
        assertThat(first[1]).containsExactly(new double[] {2.0 / 3, 2.0 / 3}, within(1e-6));
        assertThat(last[1]).containsExactly(new double[] {0.5, 0.5}, within(0.01));
        assertThat(last[0]).containsExactly(new double[] {0.5, 0.25}, within(0.01));
    }

    @Test
    void onTheTrunkOutputTheCombinationIsLeftOnTheOutput() {
        // GIVEN a leaf z (the trunk's output) and losses L_a = z·(1, 0), L_b = z·(0, 2)
        TaskWeigher weigher = start(mgda().onTrunkOutput());
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray z = step.create(new float[] {0.3f, -0.7f});
            z.setRequiresGradient(true);
            NDArray lossA = z.mul(step.create(new float[] {1, 0})).sum();
            NDArray lossB = z.mul(step.create(new float[] {0, 2})).sum();

            NDArray used = weigher.backward(
                    TaskLosses.of(TASKS, step, collector, lossA, lossB).withTrunkOutput(z));

            assertThat(weigher.usesTrunkOutput()).isTrue();
            assertThat(z.getGradient().toFloatArray()).containsExactly(
                    new float[] {0.8f, 0.4f}, within(1e-6f));
            assertThat(used.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(
                    new float[] {0.8f, 0.2f}, within(1e-6f));
        }
    }

    @Test
    void onTheTrunkOutputWithoutOneIsALifecycleError() {
        TaskWeigher weigher = start(pcgrad().onTrunkOutput());
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            TaskLosses losses = TaskLosses.of(TASKS, step, collector, step.create(1f),
                    step.create(2f));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> weigher.backward(losses))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("A strategy .onTrunkOutput() needs the trunk's output, but these"
                            + " step losses have none. Received: trunkOutput=null. Build the"
                            + " losses with TaskLosses.withTrunkOutput(...).");
        }
    }

    @Test
    void gradientStrategiesNeedSharedParameters() {
        WeightingContext none = WeightingContext.of(TASKS, manager, List.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pcgrad().start(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pcgrad() combines the tasks' gradients of the shared parameters, but"
                        + " the model shares none. Received: sharedParameters=[]. Add a trunk,"
                        + " e.g. .trunk(dense(64), relu()).");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gradNorm().start(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradNorm() needs a shared layer with weights, but the model shares"
                        + " none. Received: sharedParameters=[]. Add one, e.g."
                        + " .trunk(dense(64), relu()).");
    }
}
