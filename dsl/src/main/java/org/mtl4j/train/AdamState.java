package org.mtl4j.train;

import java.util.ArrayList;
import java.util.Optional;
import org.mtl4j.annotation.Internal;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.model.ModelParts;

/**
 * The state of the fused Adam or AdamW (see the README's performance notes) of a model's latest
 * fit: the flat first and second moments over all parameters in the network's order, each
 * parameter's update count and the bias correction's step number. What a saved model keeps so
 * that a loaded one's next fit continues exactly as the original's would.
 *
 * <p>Example: {@code AdamState.of(parts).ifPresent(s -> save(s.means()))}; {@code
 * state.restoreInto(parts)} on a loaded model's parts.
 *
 * @param spec the optimizer spec ({@code adam(lr)} or {@code adamW(lr)})
 * @param means first moments, one per parameter value
 * @param variances second moments, one per parameter value
 * @param counts per parameter, its number of updates
 * @param largestCount the largest count so far
 */
@Internal
public record AdamState(
        OptimizerSpec spec, float[] means, float[] variances, int[] counts, int largestCount) {

    /** The state of the parts' latest fit, if it trained with the fused Adam or AdamW. */
    public static Optional<AdamState> of(ModelParts parts) {
        if (parts.optimizerSpec().isEmpty()
                || !(parts.optimizerSpec().get() instanceof OptimizerSpec spec)
                || !spec.usesAdam()) {
            return Optional.empty();
        }
        FusedAdam state = FusedAdam.existing(parts.currentOptimizer().orElseThrow(),
                new ArrayList<>(parts.block().getParameters().values()));
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new AdamState(spec, state.meanValues(), state.varianceValues(),
                state.counts(), state.largestCount()));
    }

    /**
     * Makes this state the one the parts' next fit with the same optimizer spec continues.
     *
     * @throws IllegalArgumentException if the state does not fit the parts' parameters
     */
    public void restoreInto(ModelParts parts) {
        var optimizer = parts.optimizer(spec, spec::create);
        FusedAdam state = FusedAdam.of(optimizer, spec.adamSettings(),
                new ArrayList<>(parts.block().getParameters().values()), parts.manager(),
                parts.dataType());
        state.restore(means, variances, counts, largestCount);
    }
}
