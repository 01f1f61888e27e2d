package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FAMO, STCH and GLS on losses that are leaves of the graph, so the gradient each loss receives is the
 * weight it got; the values are worked out by hand in the comments.
 */
class LossBasedStrategiesTest {

    private static final List<String> TASKS = List.of("a", "b");

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void free() {
        manager.close();
    }

    /** One step with losses {@code a} and {@code b}: the weights returned and the gradients. */
    private double[][] step(TaskWeigher weigher, double a, double b) {
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray lossA = step.create((float) a);
            NDArray lossB = step.create((float) b);
            lossA.setRequiresGradient(true);
            lossB.setRequiresGradient(true);
            NDArray used = weigher.backward(TaskLosses.of(TASKS, step, collector, lossA, lossB));
            return new double[][] {
                used.toType(DataType.FLOAT64, false).toDoubleArray(),
                {lossA.getGradient().getFloat(), lossB.getGradient().getFloat()}};
        }
    }

    private TaskWeigher start(Weighting weighting) {
        return weighting.start(WeightingContext.of(TASKS, manager, List.of()));
    }

    @Test
    void famoWeighsEachLossByItsShareOfZOverTheLoss() {
        // GIVEN logits 0: z = (½, ½), losses (1, 3): α ∝ (½, ⅙) = (0.75, 0.25)
        double[][] first = step(start(famo()), 1, 3);

        assertThat(first[0]).containsExactly(new double[] {0.75, 0.25}, within(1e-7));
        assertThat(first[1]).containsExactly(new double[] {0.75, 0.25}, within(1e-7));
    }

    @Test
    void famoMovesWeightAwayFromTheTaskWhoseLossFell() {
        // GIVEN losses (1, 3) then (0.5, 3): δ = (ln 2, 0), ∂ξ = (ln 2 / 4, −ln 2 / 4);
        // Adam's first step moves each logit by the learning rate: ξ = (−0.025, 0.025)
        TaskWeigher weigher = start(famo());
        step(weigher, 1, 3);

        double[][] second = step(weigher, 0.5, 3);

        double za = 1 / (1 + Math.exp(0.05));
        double zb = 1 - za;
        double expectedA = (za / 0.5) / (za / 0.5 + zb / 3);
        assertThat(second[0]).containsExactly(new double[] {expectedA, 1 - expectedA},
                within(1e-7));
        assertThat(FamoWeighting.logitGradient(new double[2], new double[] {1, 3},
                new double[] {0.5, 3})).containsExactly(
                        new double[] {Math.log(2) / 4, -Math.log(2) / 4}, within(1e-7));
    }

    @Test
    void famoSavesAndRestoresItsLogitsAdamAndLastLosses() {
        TaskWeigher original = start(famo(0.1, 0.01));
        step(original, 1, 3);
        step(original, 0.5, 3);
        Map<String, double[]> saved = original.state();
        TaskWeigher restored = start(famo(0.1, 0.01));
        restored.restore(saved);

        assertThat(step(restored, 0.4, 2.5)[0]).containsExactly(step(original, 0.4, 2.5)[0]);
    }

    @Test
    void famoNamesBadSettings() {
        assertThatThrownBy(() -> famo(0, 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("famo(learningRate, gamma) needs a finite learning rate > 0. Received:"
                        + " learningRate=0.0. Use e.g. famo(0.025, 0.01).");
        assertThatThrownBy(() -> famo(0.025, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("famo(learningRate, gamma) needs a finite gamma ≥ 0. Received:"
                        + " gamma=-1.0. Use e.g. famo(0.025, 0.01).");
    }

    @Test
    void stchWarmsUpOnLogLossesThenLeansOnTheWorstTaskAgainstItsNadir() {
        // GIVEN warm-up of 1 epoch: epoch 0 log-loss weights 1/L; epoch 1 the same while the
        // nadir averages (4, 1); from epoch 2 on losses (2, 1): L/n = (½, 1), softmax = (⅓, ⅔),
        // α_i = T · s_i / L_i = (⅓, 4/3)
        TaskWeigher weigher = start(stch(1.0, 1));

        double[][] warm = step(weigher, 2, 0.5);
        weigher.epochEnded(new double[] {2, 0.5});
        step(weigher, 3, 1.5);
        step(weigher, 5, 0.5);
        weigher.epochEnded(new double[] {4, 1});
        double[][] smooth = step(weigher, 2, 1);

        assertThat(warm[0]).containsExactly(new double[] {0.5, 2}, within(1e-9));
        assertThat(smooth[0]).containsExactly(new double[] {1.0 / 3, 4.0 / 3}, within(1e-7));
        assertThat(smooth[1]).containsExactly(new double[] {1.0 / 3, 4.0 / 3}, within(1e-6));
    }

    @Test
    void stchFloorsANadirOfZeroAtEpsilon() {
        // GIVEN task a's loss exactly 0 through the nadir epoch: its nadir is ε = 1e-20, then a
        // loss of ½ is 5e19 times it and leads alone: α = (T / L_a, ~0) = (4, ~0)
        TaskWeigher weigher = start(stch(1.0, 0));
        step(weigher, 0, 1);
        weigher.epochEnded(new double[] {0, 1});

        double[][] smooth = step(weigher, 0.5, 1);

        assertThat(smooth[0]).containsExactly(new double[] {4, 0}, within(1e-7));
        assertThat(smooth[1]).containsExactly(new double[] {4, 0}, within(1e-6));
    }

    @Test
    void stchWithASmallMuIsTheTchebycheffMaximum() {
        double[] alphas = new StchWeighting(0.01, 0).stchWeights(new double[] {2, 1},
                new double[] {4, 1});

        // only task b (L/n = 1 > ½) counts: d(2 · max)/dL_b = 2
        assertThat(alphas).containsExactly(new double[] {0, 2}, within(1e-12));
    }

    @Test
    void stchSavesAndRestoresItsEpochAndNadir() {
        TaskWeigher original = start(stch(0.5, 0));
        step(original, 4, 1);
        original.epochEnded(new double[] {4, 1});
        TaskWeigher restored = start(stch(0.5, 0));
        restored.restore(original.state());

        assertThat(step(restored, 2, 1)[0]).containsExactly(step(original, 2, 1)[0]);
    }

    @Test
    void stchNamesBadSettings() {
        assertThatThrownBy(() -> stch(0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stch(mu, warmupEpochs) needs a finite mu > 0. Received: mu=0.0."
                        + " Use e.g. stch(1.0, 4).");
        assertThatThrownBy(() -> stch(1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stch(mu, warmupEpochs) needs warmupEpochs ≥ 0. Received:"
                        + " warmupEpochs=-1. Use e.g. stch(1.0, 4).");
    }
    @Test
    void glsWeighsEachLossByTheGeometricMeanOverTTimesIt() {
        // GIVEN losses (1, 4): G = 2, α = (2 / (2·1), 2 / (2·4)) = (1, ¼)
        double[][] result = step(start(gls()), 1, 4);

        assertThat(result[0]).containsExactly(new double[] {1, 0.25}, within(1e-7));
        assertThat(result[1]).containsExactly(new double[] {1, 0.25}, within(1e-7));
        assertThat(GlsWeighting.weights(new double[] {9, 0}, new boolean[] {true, false}))
                .containsExactly(new double[] {1, 0}, within(1e-12));
    }
    @Test
    void nothingOutlivesAStep() {
        for (Weighting weighting : List.of(famo(), stch(1.0, 0), gls())) {
            TaskWeigher weigher = start(weighting);
            int before = manager.getManagedArrays().size();

            // an epoch a step: STCH (no warm-up) takes its nadir (1, 3) in step 0 and is on the
            // smooth maximum from step 1 on
            double[] last = null;
            for (int i = 0; i < 10; i++) {
                last = step(weigher, 1 + i, 3)[0];
                weigher.epochEnded(new double[] {1 + i, 3});
                weigher.restore(weigher.state());
            }

            assertThat(manager.getManagedArrays()).as("%s", weighting).hasSize(before);
            if (weighting instanceof StchWeighting stch) {
                assertThat(last).containsExactly(
                        stch.stchWeights(new double[] {10, 3}, new double[] {1, 3}),
                        within(1e-6));
            }
        }
    }
}
