package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * libtorch's fused Adam kernel as {@link FusedAdam} uses it for packed parameters, small and
 * large: it steps as DJL's own Adam (and AdamW) would, with a schedule and with steps a
 * parameter sits out in between, as do the paths packed parameters take without it; and it
 * refuses arrays it cannot take.
 */
class FusedAdamKernelTest {

    private static final float RATE = 1e-2f;
    /** 76,000 values, above the 64 Ki of DJL's native call; and 75. */
    private static final Shape[][] SIZES = {
        {new Shape(300, 250), new Shape(250), new Shape(3, 250)},
        {new Shape(12, 5), new Shape(5), new Shape(2, 5)}};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        manager.getEngine().setRandomSeed(5);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest
    @CsvSource({"false, 0, true", "true, 0, true", "false, 1, true", "true, 1, true",
        "false, 0, false", "true, 0, false", "false, 1, false", "true, 1, false"})
    void packedParametersStepAsDjlsAdamWould(boolean adamW, int size, boolean withKernel) {
        // GIVEN three parameters twice (76,000 or 75 values): DJL's Adam (or AdamW) on one copy,
        // mtl4j's on the other, packed into one vector, with libtorch's fused kernel or without
        // it (then tensor operations on 76,000 values, DJL's native Adam call on 75)
        Shape[] shapes = SIZES[size];
        List<Parameter> djl = parameters(shapes);
        List<Parameter> fused = parameters(shapes);
        float[][] initial = new float[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            initial[i] = djl.get(i).getArray().toFloatArray();
            fused.get(i).getArray().set(initial[i]);
        }
        Optimizer reference = FusedAdamFormsTest.djlReference(adamW, RATE);
        FusedAdam state = FusedAdam.of(Optimizer.adam().build(),
                new FusedAdam.Settings(RATE, 0.05f, adamW), fused, manager, DataType.FLOAT32);
        Scalars scalars = new Scalars(manager, DataType.FLOAT32);
        FusedAdam.Fit fit = withKernel ? state.start(manager, scalars)
                : state.startWithoutKernel(manager, scalars);
        assertThat(fit.usesFusedKernel()).as(FusedAdamKernel.state()).isEqualTo(withKernel);

        // WHEN 30 steps run, parameter 2 sitting out every seventh (a step of views, not the
        // kernel's)
        long callsBefore = FusedAdamKernel.calls();
        for (int k = 1; k <= 30; k++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray[] gradients = new NDArray[shapes.length];
                boolean[] skipped = new boolean[shapes.length];
                float[] backToBack = new float[0];
                for (int i = 0; i < shapes.length; i++) {
                    gradients[i] = step.randomNormal(shapes[i]);
                    skipped[i] = i == 2 && k % 7 == 0;
                    if (!skipped[i]) {
                        reference.update(djl.get(i).getId(), djl.get(i).getArray(),
                                gradients[i]);
                    }
                    backToBack = join(backToBack,
                            skipped[i] ? new float[(int) shapes[i].size()]
                                    : gradients[i].toFloatArray());
                }
                NDArray flat = step.create(fit.laidOut(backToBack));
                float factor = FusedAdamFormsTest.factor(k);
                fit.update(gradients, flat, skipped, step, step.create(factor), factor);
            }
        }

        // THEN the kernel took the 26 steps of all parameters (if it was there); every weight
        // agrees to float rounding, and the weights moved
        assertThat(FusedAdamKernel.calls() - callsBefore).isEqualTo(withKernel ? 26 : 0);
        for (int i = 0; i < shapes.length; i++) {
            float[] expected = djl.get(i).getArray().toFloatArray();
            float[] actual = fused.get(i).getArray().toFloatArray();
            float moved = 0;
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j]).as("parameter %d[%d]", i, j)
                        .isCloseTo(expected[j], within(2e-6f));
                moved = Math.max(moved, Math.abs(actual[j] - initial[i][j]));
            }
            assertThat(moved).as("parameter %d moved", i)
                    .isGreaterThan(size == 0 ? 0.1f : 0.02f);
            assertThat(state.counts()[i]).isEqualTo(i == 2 ? 26 : 30);
        }
        assertThat(state.largestCount()).isEqualTo(30);
    }

    @Test
    void theKernelTakesOnlyFloat32CpuVectorsOfOneSize() {
        FusedAdamKernel kernel = FusedAdamKernel.forFit(manager);
        assertThat(kernel).as(FusedAdamKernel.state()).isNotNull();
        NDArray w = manager.zeros(new Shape(8));
        NDArray g = manager.zeros(new Shape(8));
        NDArray m = manager.zeros(new Shape(8));
        NDArray v = manager.zeros(new Shape(8));
        assertThat(kernel.takes(w, g, m, v)).isTrue();
        assertThat(kernel.takes(w, manager.zeros(new Shape(8), DataType.FLOAT64), m, v))
                .isFalse();
        assertThat(kernel.takes(w, g, manager.zeros(new Shape(9)), v)).isFalse();
        assertThat(kernel.takes(w, g, m, manager.zeros(new Shape(2, 4)))).isFalse();
        NDArray closed = manager.zeros(new Shape(8));
        closed.close();
        assertThat(kernel.takes(closed, g, m, v)).isFalse();
    }

    private List<Parameter> parameters(Shape[] shapes) {
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            parameters.add(Parameter.builder().setName("p" + i).setType(Parameter.Type.OTHER)
                    .optArray(manager.randomNormal(shapes[i])).build());
        }
        return parameters;
    }

    private static float[] join(float[] a, float[] b) {
        float[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
