package org.mtl4j.spec.layers;

/**
 * A fully connected layer with {@code units} outputs and a bias (DJL {@code Linear}). Its weights
 * and bias start as the model's {@link Initializer} says (default {@code kaimingNormal()}:
 * weights N(0, 2/fan_in), biases 0), unless {@code .init(...)} gives the layer its own.
 *
 * <p>Example: {@code dense(64)}, {@code dense(64).init(xavierUniform())}
 *
 * @param units number of outputs, at least 1
 * @param init this layer's initializer, or null for the model's
 */
public record Dense(int units, Initializer init) implements Layer {

    /** Validates the layer. */
    public Dense {
        if (units < 1) {
            throw new IllegalArgumentException(
                    "dense() needs at least 1 unit. Received: dense(" + units
                            + "). Use e.g. dense(64).");
        }
    }

    /** A layer that starts as the model's initializer says. */
    public Dense(int units) {
        this(units, null);
    }

    /**
     * This layer with its own initializer, which beats the model's.
     *
     * <p>Example: {@code dense(64).init(kaimingUniform())}
     */
    public Dense init(Initializer initializer) {
        if (initializer == null) {
            throw new IllegalArgumentException(
                    "dense(" + units + ").init() needs an initializer. Received: init(null). Use"
                            + " e.g. dense(" + units + ").init(xavierUniform()), or leave .init"
                            + " out to use the model's.");
        }
        return new Dense(units, initializer);
    }

    @Override
    public String toString() {
        return "dense(" + units + ")" + (init == null ? "" : ".init(" + init + ")");
    }
}
