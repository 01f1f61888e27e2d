package org.mtl4j.spec.layers;

/**
 * Weights from a fixed normal distribution N(mean, std²), whatever the layer's size; biases 0.
 * Many papers' code uses {@code normal(0, 0.01)} or {@code normal(0, 0.02)}.
 *
 * <p>Example: {@code dense(64).init(normal(0, 0.01))}
 *
 * @param mean the weights' mean, finite
 * @param std the weights' standard deviation, positive and finite
 */
public record Normal(double mean, double std) implements Initializer {

    /** Validates the arguments. */
    public Normal {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException(
                    "normal() needs a finite mean. Received: " + call(mean, std)
                            + ". Use e.g. normal(0, 0.01).");
        }
        if (!(std > 0 && Double.isFinite(std))) {
            throw new IllegalArgumentException(
                    "normal() needs a positive, finite standard deviation. Received: "
                            + call(mean, std) + ". Use e.g. normal(0, 0.01).");
        }
    }

    private static String call(double mean, double std) {
        return "normal(" + mean + ", " + std + ")";
    }

    @Override
    public String toString() {
        return call(mean, std);
    }
}
