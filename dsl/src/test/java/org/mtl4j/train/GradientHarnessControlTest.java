package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import org.junit.jupiter.api.Test;
import org.mtl4j.engine.Scalars;
import org.mtl4j.weighting.StepLosses;
import org.mtl4j.weighting.TaskWeigher;

/**
 * Negative control of {@link GradientHarness}: on every build it shows that the harness catches a
 * tensor op with a Java number ({@code mul(Number)}) on the training path, the DJL bug the engine
 * rules forbid, and that the same weighting with long-lived scalar tensors passes. Without this, a
 * harness that stopped forcing collections (or stopped comparing) would pass silently.
 */
class GradientHarnessControlTest {

    @Test
    void theHarnessCatchesAMulByAJavaNumberOnTheTrainingPath() {
        // GIVEN a weighting that scales each task's loss with NDArray.mul(Number)
        // WHEN the harness runs one step with collections between forward and backward
        GradientHarness.Result result = GradientHarness.check(context -> new ByJavaNumbers());

        // THEN the gradients no longer match the finite differences
        assertThat(result.checked()).isGreaterThan(60);
        assertThat(result.mismatches()).as("gradients the harness found wrong").isNotEmpty();
    }

    @Test
    void theSameWeightingWithScalarTensorsPasses() {
        // GIVEN the same weights as tensors that live as long as the fit
        // WHEN the harness runs it
        GradientHarness.Result result =
                GradientHarness.check(context -> new ByScalarTensors(context.scalars()));

        // THEN every gradient matches: the failure above comes from the Number operand alone
        assertThat(result.mismatches()).isEmpty();
    }

    /** Σ_t w_t·L_t with each w_t passed to mul as a Java number: what the rules forbid. */
    private static final class ByJavaNumbers implements TaskWeigher {
        @Override
        public NDArray backward(StepLosses losses) {
            double[] weights = GradientHarness.taskWeights();
            NDArray stacked = losses.stacked();
            NDList terms = new NDList();
            for (int t = 0; t < weights.length; t++) {
                terms.add(stacked.get(t).mul(weights[t]));
            }
            losses.backward(NDArrays.add(terms.toArray(new NDArray[0])));
            return stacked.getManager().create(weights);
        }
    }

    /** Σ_t w_t·L_t with each w_t a long-lived scalar tensor. */
    private static final class ByScalarTensors implements TaskWeigher {
        private final Scalars scalars;

        ByScalarTensors(Scalars scalars) {
            this.scalars = scalars;
        }

        @Override
        public NDArray backward(StepLosses losses) {
            double[] weights = GradientHarness.taskWeights();
            NDArray stacked = losses.stacked();
            NDList terms = new NDList();
            for (int t = 0; t < weights.length; t++) {
                terms.add(stacked.get(t).mul(scalars.of(weights[t])));
            }
            losses.backward(NDArrays.add(terms.toArray(new NDArray[0])));
            return stacked.getManager().create(weights);
        }
    }
}
