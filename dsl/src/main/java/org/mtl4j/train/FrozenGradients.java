package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.model.ModelParts;
import org.mtl4j.weighting.DwaWeighting;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.RandomWeighting;
import org.mtl4j.weighting.StaticWeighting;
import org.mtl4j.weighting.UncertaintyWeighting;
import org.mtl4j.weighting.Weighting;

/**
 * Turns autograd off for the parameters of a fit's {@code freeze(...)} until closed, so that
 * backward computes no gradient for them (with a frozen trunk, backward stops at the heads). Only
 * for weightings that look at the losses alone; strategies that compare task gradients on the
 * shared parameters, and the conflict monitor, still need those gradients, which the update then
 * ignores ({@link ParameterUpdate#freeze}).
 *
 * <p>Example: {@code try (FrozenGradients off = FrozenGradients.of(parts, settings)) { ... }}
 */
final class FrozenGradients implements AutoCloseable {

    /** Parameters, not arrays: packing gives parameters new arrays ({@code PackedParameters}). */
    private final List<Parameter> turnedOff;

    private FrozenGradients(List<Parameter> turnedOff) {
        this.turnedOff = turnedOff;
    }

    /**
     * Checks the fit's frozen parts against the model and turns their gradients off when the
     * weighting allows it.
     *
     * @throws IllegalArgumentException for a part the architecture lacks
     */
    static FrozenGradients of(ModelParts parts, FitSettings settings) {
        List<Parameter> frozen = Freeze.parameters(settings.frozen(), parts.block(),
                parts.spec());
        List<Parameter> off = new ArrayList<>();
        if (lossesOnly(parts.spec().weighting()) && settings.conflictMonitor() == null) {
            for (Parameter parameter : frozen) {
                NDArray array = parameter.getArray();
                if (array.hasGradient()) {
                    array.setRequiresGradient(false);
                    off.add(parameter);
                }
            }
        }
        return new FrozenGradients(off);
    }

    private static boolean lossesOnly(Weighting weighting) {
        return weighting instanceof EqualWeighting || weighting instanceof StaticWeighting
                || weighting instanceof UncertaintyWeighting || weighting instanceof DwaWeighting
                || weighting instanceof RandomWeighting;
    }

    /** Turns the gradients back on. */
    @Override
    public void close() {
        for (Parameter parameter : turnedOff) {
            parameter.getArray().setRequiresGradient(true);
        }
    }
}
