package org.mtl4j.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.FusedAdamOptimizer;

/**
 * The optimizer of a fit: {@code sgd(lr)} (optionally {@code .momentum(m)}), {@code adam(lr)} or
 * {@code adamW(lr)} (optionally {@code .weightDecay(wd)}, default 0.01). The learning rate is fixed
 * for the whole fit unless a schedule such as {@code cosineDecay()} is given. Default: {@code
 * adam(1e-3)}.
 *
 * <p>Example: {@code model.fit(table, sgd(0.05).momentum(0.9))}
 *
 * @param name "sgd", "adam" or "adamW"
 * @param learningRate greater than 0
 * @param momentum SGD momentum in [0, 1) (0 for Adam)
 * @param weightDecay decoupled weight decay of AdamW, at least 0 (0 for the others)
 */
public record OptimizerSpec(String name, double learningRate, double momentum, double weightDecay)
        implements FitOption {

    /** Validates the values. */
    public OptimizerSpec {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "Learning rate must be a positive number. Received: " + name + "("
                            + learningRate + "). Use e.g. " + name + "(1e-3).");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(
                    "Momentum must be in [0, 1). Received: momentum(" + momentum
                            + "). Use e.g. momentum(0.9).");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    "Weight decay must be a finite number of at least 0. Received: weightDecay("
                            + weightDecay + "). Use e.g. weightDecay(0.01).");
        }
    }

    /** SGD with this momentum (SGD only). */
    public OptimizerSpec momentum(double momentum) {
        requireName("sgd", "momentum");
        return new OptimizerSpec(name, learningRate, momentum, weightDecay);
    }

    /** AdamW with this decoupled weight decay (AdamW only). */
    public OptimizerSpec weightDecay(double weightDecay) {
        requireName("adamW", "weightDecay");
        return new OptimizerSpec(name, learningRate, momentum, weightDecay);
    }

    private void requireName(String expected, String setting) {
        if (!name.equals(expected)) {
            throw new IllegalArgumentException(
                    setting + "() applies to " + expected + "(...), not to " + this + ". Use "
                            + expected + "(" + learningRate + ")." + setting + "(...).");
        }
    }

    @Override
    public void applyTo(FitSettings.Builder settings) {
        settings.optimizer = this;
    }

    /**
     * A new DJL optimizer with these settings (and fresh state), at this learning rate until a
     * fit's schedule changes it: DJL's SGD for {@code sgd}, mtl4j's Adam ({@link
     * FusedAdamOptimizer}) for {@code adam} and {@code adamW}.
     */
    public Optimizer create() {
        return AdjustableRate.optimizer(this);
    }

    /**
     * A new DJL optimizer with these settings whose learning rate comes from {@code rate} (a fit
     * with a learning-rate schedule passes one the schedule drives).
     */
    public Optimizer create(Tracker rate) {
        return switch (name) {
            case "sgd" -> Optimizer.sgd()
                    .setLearningRateTracker(rate)
                    .optMomentum((float) momentum)
                    .build();
            default -> new FusedAdamOptimizer(adamSettings(), rate);
        };
    }

    /** Whether fits with this spec update with mtl4j's {@link FusedAdam} (Adam and AdamW). */
    boolean usesAdam() {
        return name.equals("adam") || name.equals("adamW");
    }

    /** The settings of mtl4j's Adam for this spec (an Adam or AdamW spec; DJL's form). */
    FusedAdam.Settings adamSettings() {
        return new FusedAdam.Settings((float) learningRate, (float) weightDecay,
                name.equals("adamW"));
    }

    @Override
    public String toString() {
        String base = name + "(" + learningRate + ")";
        if (momentum > 0) {
            return base + ".momentum(" + momentum + ")";
        }
        return name.equals("adamW") ? base + ".weightDecay(" + weightDecay + ")" : base;
    }
}
