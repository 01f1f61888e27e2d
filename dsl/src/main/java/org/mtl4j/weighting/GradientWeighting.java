package org.mtl4j.weighting;

/**
 * A strategy that combines the tasks' gradients by a {@link GradientRule}: one backward per
 * labelled task, the Gram matrix of their shared gradients on the host, and the combination
 * {@code Σ α_i g_i} left on the shared parameters; each head keeps its own task's gradient.
 *
 * <p>By default the gradients are those of the shared parameters. {@link #onTrunkOutput()} takes
 * them on the trunk's output instead (the "MGDA-UB" idea of Sener and Koltun 2018): the per-task
 * backward passes stop at the trunk output and the trunk runs one backward with the combined
 * gradient, which is much cheaper for a deep trunk; hard sharing only.
 *
 * <p>Example, a rule of your own: {@code GradientWeighting mine = context -> gram -> new double[]
 * {1, 1};} and then {@code .weighting(mine.onTrunkOutput())}
 */
@FunctionalInterface
public interface GradientWeighting extends Weighting {

    /** The rule for one fit (a rule may keep state, such as a random generator). */
    GradientRule rule(WeightingContext context);

    @Override
    default TaskWeigher start(WeightingContext context) {
        context.requireSharedParameters(toString());
        return new CombiningWeigher(context.sharedParameters(), rule(context), false);
    }

    /** The same strategy on the gradients of the trunk's output. */
    default Weighting onTrunkOutput() {
        return new TrunkOutputWeighting(this);
    }
}
