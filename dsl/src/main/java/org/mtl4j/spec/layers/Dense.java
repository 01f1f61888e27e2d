package org.mtl4j.spec.layers;

/**
 * A fully connected layer with {@code units} outputs and a bias (DJL {@code Linear}; weights
 * start He-normal, biases at zero).
 *
 * <p>Example: {@code dense(64)}
 *
 * @param units number of outputs, at least 1
 */
public record Dense(int units) implements Layer {

    /** Validates the layer. */
    public Dense {
        if (units < 1) {
            throw new IllegalArgumentException(
                    "dense() needs at least 1 unit. Received: dense(" + units
                            + "). Use e.g. dense(64).");
        }
    }

    @Override
    public String toString() {
        return "dense(" + units + ")";
    }
}
