package org.mtl4j.weighting;

import java.util.List;

/**
 * How the per-task losses of each step become one update of the model: a task weighting strategy.
 *
 * <p>A strategy is a small immutable value (the DSL's {@code equal()}, {@code weights(...)}); at
 * a model's first {@code fit()} it {@link #start starts} a {@link TaskWeigher} that holds its
 * state (learned weights, loss history, its own optimizer, random position...). The weigher stays
 * with the model, so a later {@code fit()} continues it, and {@code model.save(path)} keeps its
 * {@link TaskWeigher#state() state}. Every step the weigher receives the
 * step's per-task losses, which are still part of the autograd graph, and decides what to
 * backpropagate:
 *
 * <ul>
 *   <li>loss-based strategies (equal, static, uncertainty, DWA...) backpropagate one weighted sum;
 *   <li>gradient-based strategies (GradNorm, PCGrad, MGDA...) can take per-task gradients of the
 *       shared parameters from {@link WeightingContext#sharedParameters()} (one {@link
 *       StepLosses#backwardKeepingGraph} per task) and leave the combined gradient on them.
 * </ul>
 *
 * Either way the weigher returns the task weights it effectively used, which the history records
 * and the weight chart plots.
 *
 * <p>Example: {@code multiTask()...weighting(weights(Map.of("sentiment", 2.0, "domain", 1.0)))}
 */
public interface Weighting {

    /**
     * Checks the strategy against the model's tasks (called at {@code build()}).
     *
     * @param tasks the task names, in order
     * @throws IllegalArgumentException if the strategy does not fit the tasks
     */
    default void validate(List<String> tasks) {}

    /**
     * Starts the strategy for one fit.
     *
     * @param context the tasks, the fit's long-lived manager and the model's parameters
     * @return the per-fit state
     */
    TaskWeigher start(WeightingContext context);
}
