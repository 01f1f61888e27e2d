package org.mtl4j.train;

import org.mtl4j.engine.FusedAdam;

/**
 * Which fits use the engine's {@link FusedAdam}: {@code adam(lr)} and {@code adamW(lr)}, unless
 * {@code -Dmtl4j.fusedAdam=false} asks for DJL's per-parameter Adam (kept for comparison and for
 * files saved with it).
 *
 * <p>Example: {@code FusedAdamChoice.supports(adam(1e-3))} is true; {@code
 * FusedAdamChoice.settings(adamW(1e-3))} is decoupled with decay 0.01.
 */
final class FusedAdamChoice {

    private FusedAdamChoice() {}

    /** Whether fits with {@code spec} use the fused Adam. */
    static boolean supports(OptimizerSpec spec) {
        return (spec.name().equals("adam") || spec.name().equals("adamW"))
                && !"false".equals(System.getProperty("mtl4j.fusedAdam"));
    }

    /** The fused Adam's settings for {@code spec} (an Adam or AdamW spec). */
    static FusedAdam.Settings settings(OptimizerSpec spec) {
        return new FusedAdam.Settings((float) spec.learningRate(), (float) spec.weightDecay(),
                spec.name().equals("adamW"));
    }
}
