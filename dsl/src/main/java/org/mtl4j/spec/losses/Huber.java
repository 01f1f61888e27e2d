package org.mtl4j.spec.losses;

import ai.djl.ndarray.NDArray;
import org.mtl4j.engine.Scalars;

/**
 * Huber loss for a regression task: quadratic for errors up to {@code delta}, linear beyond, as
 * {@code 0.5·q² + delta·(|d| - q)} with {@code q = min(|d|, delta)} (PyTorch's {@code HuberLoss}).
 *
 * <p>Delta is in the units the task trains in: standard deviations of the target by default
 * (regression targets are standardised, see {@code TaskBuilder.scaleTarget}), so {@code huber()}
 * treats errors beyond one standard deviation linearly; with {@code .scaleTarget(false)} it is in
 * the label's own units (e.g. grams).
 *
 * <p>Example: {@code .loss(huber())} (delta 1.0) or {@code .loss(huber(0.5))}
 *
 * @param delta where the loss turns from quadratic to linear, greater than 0, in standard
 *     deviations of the target (or the label's units with {@code .scaleTarget(false)})
 */
public record Huber(double delta) implements Loss {

    /** Validates delta. */
    public Huber {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(
                    "huber() delta must be a positive number. Received: huber(" + delta
                            + "). Use e.g. huber(1.0).");
        }
    }

    @Override
    public LabelKind labelKind() {
        return LabelKind.NUMBER;
    }

    @Override
    public NDArray perExample(NDArray output, NDArray labels, Scalars scalars) {
        NDArray distance = output.reshape(-1).sub(labels).abs();
        NDArray quadratic = distance.minimum(scalars.of(delta));
        NDArray linear = distance.sub(quadratic);
        return quadratic.square().mul(scalars.of(0.5)).add(linear.mul(scalars.of(delta)));
    }

    @Override
    public String toString() {
        return "huber(" + delta + ")";
    }
}
