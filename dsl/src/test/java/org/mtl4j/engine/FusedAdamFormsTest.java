package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mtl4j's one Adam in both its forms: DJL's form follows DJL's own {@code Adam} and {@code
 * AdamW} (skipped parameters, a changing rate, two fits on one state); PyTorch's form follows
 * {@code torch.optim.Adam}; {@link FusedAdamOptimizer} continues DJL Adam state as saved.
 */
class FusedAdamFormsTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static final float RATE = 1e-2f;

    /** The rate factor of step k (1-based): a schedule that changes every step. */
    static float factor(int k) {
        return 1f + 0.5f * (float) Math.sin(k);
    }

    /** DJL's own Adam (or AdamW, decay 0.05) at {@code rate} times {@link #factor}. */
    static Optimizer djlReference(boolean adamW, float rate) {
        Tracker scheduled = new Tracker() {
            @Override
            public float getNewValue(int numUpdate) {
                return rate * factor(numUpdate);
            }
        };
        return adamW
                ? Optimizer.adamW().optLearningRateTracker(scheduled).optWeightDecays(0.05f)
                        .build()
                : Optimizer.adam().optLearningRateTracker(scheduled).build();
    }

    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void djlFormFollowsDjlsAdamWithSkippedParametersAScheduleAndTwoFits(boolean adamW,
            boolean hostRate) {
        // GIVEN three parameters twice, the same gradients (parameter 2 sits out every third
        // step), DJL's Adam (or AdamW) on one copy and the fused one on the other (with
        // hostRate, the fit's path: the rate factor also as a number, so that the steps of all
        // parameters run as one native Adam call)
        Shape[] shapes = {new Shape(3, 2), new Shape(2), new Shape(4)};
        List<Parameter> djl = parameters(shapes);
        List<Parameter> fused = parameters(shapes);
        Optimizer reference = djlReference(adamW, RATE);
        FusedAdam state = FusedAdam.over(fused,
                new FusedAdam.Settings(RATE, 0.05f, adamW), manager, DataType.FLOAT32);
        Scalars scalars = new Scalars(manager, DataType.FLOAT32);
        Random random = new Random(1);

        // WHEN 30 steps run, the fused one starting a new fit after 15
        FusedAdam.Fit fit = state.start(manager, scalars);
        for (int k = 1; k <= 30; k++) {
            if (k == 16) {
                fit = state.start(manager, scalars);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray[] gradients = new NDArray[shapes.length];
                boolean[] skipped = new boolean[shapes.length];
                for (int i = 0; i < shapes.length; i++) {
                    gradients[i] = step.randomNormal(shapes[i]).mul(
                            step.create((float) (0.1 + random.nextDouble())));
                    skipped[i] = i == 1 && k % 3 == 0;
                    if (!skipped[i]) {
                        reference.update(djl.get(i).getId(), djl.get(i).getArray(),
                                gradients[i]);
                    }
                }
                NDList flat = new NDList();
                for (NDArray gradient : gradients) {
                    flat.add(gradient.reshape(-1));
                }
                if (hostRate) {
                    assertThat(fit.takesHostRate()).isTrue();
                    fit.update(gradients, NDArrays.concat(flat), skipped, step,
                            step.create(factor(k)), factor(k));
                } else {
                    fit.update(gradients, NDArrays.concat(flat), skipped, step,
                            step.create(factor(k)));
                }
            }
        }

        // THEN every weight agrees to float rounding, and the weights moved
        for (int i = 0; i < shapes.length; i++) {
            float[] expected = djl.get(i).getArray().toFloatArray();
            float[] actual = fused.get(i).getArray().toFloatArray();
            float moved = 0;
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j]).as("parameter %d[%d]", i, j)
                        .isCloseTo(expected[j], within(1e-5f));
                moved = Math.max(moved, Math.abs(actual[j] - 1f));
            }
            assertThat(moved).as("parameter %d moved", i).isGreaterThan(1e-3f);
        }
        assertThat(state.counts()).containsExactly(30, 20, 30);
        assertThat(state.largestCount()).isEqualTo(30);
    }

    /**
     * torch 1.13's {@code torch.optim.Adam([w], lr=2**-10)} in float64 from w = (1, -0.5) with
     * the gradients below: the weights after each step, printed by {@code w.tolist()}. The second
     * coordinate's gradients are near ε, where ε's place matters.
     */
    private static final double[][] GRADIENTS = {{0.3, -2e-8}, {1e-9, 4e-8}, {-0.7, 1e-9},
        {0.2, 0.0}};

    private static final double[][] TORCH = {
        {0.9990234375325521, -0.4993489583333333},
        {0.9983690837971776, -0.49962059510719564},
        {0.9987434906216854, -0.49982982458658737},
        {0.9988958755460955, -0.4999941051363918}};

    @Test
    void pytorchFormFollowsTorchOptimAdam() {
        // GIVEN w = (1, -0.5) in float64 and the fused Adam in PyTorch's form
        double[][] pytorch = steps(FusedAdam.Form.PYTORCH);
        double[][] djl = steps(FusedAdam.Form.DJL);

        // THEN every step equals torch's to double rounding; DJL's form puts ε elsewhere
        for (int k = 0; k < TORCH.length; k++) {
            assertThat(pytorch[k]).as("step %d", k + 1)
                    .containsExactly(TORCH[k], within(1e-14));
        }
        assertThat(djl[0][1]).isNotCloseTo(TORCH[0][1], within(1e-5));
    }

    private double[][] steps(FusedAdam.Form form) {
        NDArray w = manager.create(new double[] {1.0, -0.5});
        Parameter parameter = Parameter.builder().setName("w").setType(Parameter.Type.OTHER)
                .optArray(w).build();
        FusedAdam adam = FusedAdam.over(List.of(parameter),
                new FusedAdam.Settings((float) Math.scalb(1.0, -10), 0f, false, form), manager,
                DataType.FLOAT64);
        FusedAdam.Fit fit = adam.start(manager, new Scalars(manager, DataType.FLOAT64));
        double[][] after = new double[GRADIENTS.length][];
        for (int k = 0; k < GRADIENTS.length; k++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray gradient = step.create(GRADIENTS[k]);
                fit.update(new NDArray[] {gradient}, gradient, new boolean[] {false}, step, null);
            }
            after[k] = w.toDoubleArray();
        }
        return after;
    }

    @Test
    void theOptimizerContinuesDjlAdamStateSavedUnderTheSameKeys() {
        // GIVEN a vector trained 10 steps by DJL's Adam, its state read as mtl4j saved it
        NDArray djl = manager.create(new float[] {-0.5f, -0.5f, 0.3f});
        Optimizer reference = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f))
                .build();
        Random random = new Random(2);
        for (int k = 0; k < 10; k++) {
            reference.update("s", djl, gradient(random));
        }
        Map<String, double[]> saved = org.mtl4j.weighting.OptimizerMoments.read(reference, "s");
        assertThat(saved).containsOnlyKeys("optimizer.means", "optimizer.variances",
                "optimizer.counts");

        // WHEN mtl4j's Adam restores it on a copy and both go on for 10 steps
        NDArray copy = djl.duplicate();
        FusedAdamOptimizer adam = new FusedAdamOptimizer(FusedAdam.Settings.adam(0.05f),
                Tracker.fixed(0.05f));
        adam.restore("s", copy, saved);
        assertThat(adam.state("s").get("optimizer.means"))
                .containsExactly(saved.get("optimizer.means"), within(0.0));
        for (int k = 0; k < 10; k++) {
            NDArray g = gradient(random);
            reference.update("s", djl, g);
            adam.update("s", copy, g);
        }

        // THEN they agree to float rounding, and its state reads back under the same keys
        assertThat(copy.toFloatArray()).containsExactly(djl.toFloatArray(), within(1e-6f));
        assertThat(adam.state("s").get("optimizer.counts")).containsExactly(20, 20);
    }

    private NDArray gradient(Random random) {
        return manager.create(new float[] {(float) random.nextGaussian(),
            (float) random.nextGaussian(), (float) random.nextGaussian()});
    }

    private List<Parameter> parameters(Shape[] shapes) {
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            parameters.add(Parameter.builder().setName("p" + i).setType(Parameter.Type.OTHER)
                    .optArray(manager.ones(shapes[i])).build());
        }
        return parameters;
    }
}
