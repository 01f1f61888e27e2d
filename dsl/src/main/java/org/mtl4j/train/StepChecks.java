package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.mtl4j.engine.Torch;
import org.mtl4j.weighting.GradNormWeighting;
import org.mtl4j.weighting.UncertaintyWeighting;
import org.mtl4j.weighting.Weighting;

/**
 * What the {@link NonFiniteGuard} reads of a step, brought to the host: the task losses, the
 * task weights and a gradient check, in one copy after the backward (or the losses first, before
 * it, for a weighting that learns from every step's losses).
 *
 * <p>Example: {@code StepChecks.host(stepManager, losses, weights, gradients)} is {@code [l1, l2,
 * w1, w2, Σg]}.
 */
final class StepChecks {

    private StepChecks() {}

    /**
     * Whether a weighting takes a step of its own on every step's losses (uncertainty's
     * log-variances, GradNorm's weights), or might (a strategy of your own): then a non-finite
     * loss must be caught before the backward.
     */
    static boolean learnsFromLosses(Weighting weighting) {
        return weighting instanceof UncertaintyWeighting
                || weighting instanceof GradNormWeighting
                || !weighting.getClass().getPackageName().equals("org.mtl4j.weighting");
    }

    /**
     * The step's losses, weights (unless {@code losses} is null: then only the weights) and
     * gradient check on the host, in one copy: the last value is the sum of the gradients (one
     * pass), replaced by the largest gradient magnitude when the sum is not finite (to tell a
     * non-finite gradient from a sum that overflowed).
     */
    static float[] host(NDManager stepManager, NDArray losses, NDArray weights,
            ParameterUpdate.StepGradients gradients) {
        NDList parts = new NDList(3);
        if (losses != null) {
            parts.add(losses);
        }
        parts.add(weights);
        parts.add(ParameterUpdate.sentinel(gradients));
        // the result must belong to the step (the weights may be a strategy's long-lived array)
        NDArray all = Torch.cat(parts, 0);
        all.attach(stepManager);
        float[] values = Tensors.toFloats(all);
        if (!Float.isFinite(values[values.length - 1])) {
            values[values.length - 1] = Tensors.toFloats(ParameterUpdate.largest(gradients))[0];
        }
        return values;
    }

    /**
     * The same, when the losses came to the host before the backward: the weights and gradient
     * check in a second copy (NaN if the losses were refused and no backward ran).
     */
    static float[] afterLosses(float[] losses, TrainingStep.Outcome outcome,
            ParameterUpdate.StepGradients gradients, NDManager stepManager) {
        float[] rest = outcome.backwardRan()
                ? host(stepManager, null, outcome.weights(), gradients)
                : NonFiniteGuard.notComputed(losses.length);
        float[] all = new float[losses.length + rest.length];
        System.arraycopy(losses, 0, all, 0, losses.length);
        System.arraycopy(rest, 0, all, losses.length, rest.length);
        return all;
    }
}
