package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;

/**
 * The state of a {@link Weighting} while a model trains (in the DSL it lives as long as the model,
 * across fits).
 *
 * <p>Example, a fixed weighting:
 *
 * <pre>{@code
 * NDArray backward(StepLosses losses) {
 *     losses.backward(losses.stacked().mul(weights).sum());
 *     return weights;
 * }
 * }</pre>
 */
public interface TaskWeigher {

    /**
     * Backpropagates one training step: must call {@link StepLosses#backward} at least once, or
     * otherwise leave the gradient to apply on every parameter.
     *
     * @param losses the step's per-task losses
     * @return the weight each task effectively got, shape (tasks); it may be long-lived or belong to
     *     the step's manager; it must not require a gradient
     */
    NDArray backward(StepLosses losses);

    /**
     * Called at the end of each epoch with the mean training loss per task (for strategies that
     * look at loss history, such as DWA).
     *
     * @param trainLosses per task, in task order
     */
    default void epochEnded(double[] trainLosses) {}

    /**
     * Whether the weigher takes task gradients on the trunk's output ({@link
     * StepLosses#trunkOutput()}); the training loop then cuts the graph there and backpropagates
     * the trunk once with the gradient the weigher leaves on that output.
     */
    default boolean usesTrunkOutput() {
        return false;
    }

    /**
     * The weigher's state as named vectors (learnt weights, loss history, random position...), for
     * saving with the model; empty for a stateless weigher.
     */
    default java.util.Map<String, double[]> state() {
        return java.util.Map.of();
    }

    /**
     * How data-parallel replicas' values of each {@link #state()} key combine when they average
     * their parameters; a key not in the map takes {@link StateMerge}'s default. Empty by
     * default.
     */
    default java.util.Map<String, StateMerge> stateMerging() {
        return java.util.Map.of();
    }

    /**
     * Goes back to a state {@link #state()} gave (a loaded model's).
     *
     * @throws IllegalArgumentException if the state does not fit this weigher
     */
    default void restore(java.util.Map<String, double[]> state) {}
}
