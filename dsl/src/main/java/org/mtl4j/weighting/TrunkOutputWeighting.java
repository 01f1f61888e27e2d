package org.mtl4j.weighting;

/**
 * A {@link GradientWeighting} applied to the gradients of the trunk's output rather than of the
 * shared parameters: see {@link GradientWeighting#onTrunkOutput()}.
 *
 * <p>Example: {@code .weighting(mgda().onTrunkOutput())}
 *
 * @param strategy the strategy whose rule combines the gradients
 */
public record TrunkOutputWeighting(GradientWeighting strategy) implements Weighting {

    @Override
    public TaskWeigher start(WeightingContext context) {
        context.requireSharedParameters(toString());
        return new CombiningWeigher(context.sharedParameters(), strategy.rule(context), true);
    }

    @Override
    public String toString() {
        return strategy + ".onTrunkOutput()";
    }
}
