package org.mtl4j.weighting;

import java.util.Arrays;

/**
 * Every task's loss counts once: the model minimises {@code Σ_t L_t}, the classic shared-bottom
 * objective. The default.
 *
 * <p>Example: {@code .weighting(equal())}
 */
public record EqualWeighting() implements Weighting {

    @Override
    public TaskWeigher start(WeightingContext context) {
        double[] ones = new double[context.tasks().size()];
        Arrays.fill(ones, 1.0);
        return new ConstantWeigher(context.scalars().vector(ones), true);
    }

    @Override
    public String toString() {
        return "equal()";
    }
}
