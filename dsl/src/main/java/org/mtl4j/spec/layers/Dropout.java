package org.mtl4j.spec.layers;

/**
 * Dropout: during training each value is zeroed with probability {@code rate} and the rest are
 * scaled by {@code 1/(1-rate)}; at evaluation and prediction it does nothing.
 *
 * <p>Example: {@code dropout(0.1)}
 *
 * @param rate probability of dropping a value, in [0, 1)
 */
public record Dropout(double rate) implements Layer {

    /** Validates the rate. */
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    "dropout() rate must be in [0, 1). Received: dropout(" + rate
                            + "). Use e.g. dropout(0.1).");
        }
    }

    @Override
    public String toString() {
        return "dropout(" + rate + ")";
    }
}
