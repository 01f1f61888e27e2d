package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class GivenOutcomeTest {

    @Test
    void theJointLogitsProbabilityIsTheProductOfBothEvenForExtremeLogits() {
        float[] a = {0f, 2f, -3f, 30f, -30f, 5f, -40f, 0.5f};
        float[] b = {0f, -1f, 4f, 30f, -30f, -50f, 40f, 12f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = GivenOutcome.jointLogit(manager.create(a, new ai.djl.ndarray.types.Shape(
                    a.length, 1)), manager.create(b, new ai.djl.ndarray.types.Shape(b.length, 1)));
            float[] joint = z.toFloatArray();
            assertThat(z.getShape().getShape()).containsExactly(a.length, 1);
            for (int i = 0; i < a.length; i++) {
                double expected = Math.log(sigmoid(a[i]) * sigmoid(b[i]))
                        - Math.log1p(-sigmoid(a[i]) * sigmoid(b[i]));
                assertThat(joint[i]).as("a=%s, b=%s", a[i], b[i]).isFinite();
                if (Double.isFinite(expected)) {
                    assertThat((double) joint[i]).as("a=%s, b=%s", a[i], b[i])
                            .isCloseTo(expected, org.assertj.core.api.Assertions.within(
                                    1e-4 * Math.max(1, Math.abs(expected))));
                }
            }
            // both large: the joint probability is close to 1, its logit about min(a, b) − ...
            assertThat(joint[3]).isBetween(29f, 30f);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
