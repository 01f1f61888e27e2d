package org.mtl4j.spec.layers;

/**
 * Xavier/Glorot initialisation (Glorot &amp; Bengio 2010), as PyTorch's {@code xavier_uniform_}
 * and {@code xavier_normal_}: weights U(−b, b) with b = gain·√(6/(fan_in + fan_out)), or N(0, σ²)
 * with σ = gain·√(2/(fan_in + fan_out)); biases 0. Both have variance gain²·2/(fan_in + fan_out).
 * Default gain 1 (PyTorch's {@code calculate_gain}: 5/3 for tanh, √2 for ReLU).
 *
 * <p>Example: {@code dense(64).init(xavierUniform())}, {@code xavierNormal(5.0 / 3)}
 *
 * @param uniform true for the uniform form, false for the normal one
 * @param gain the scale g, positive and finite
 */
public record Xavier(boolean uniform, double gain) implements Initializer {

    /** Validates the gain. */
    public Xavier {
        if (!(gain > 0 && Double.isFinite(gain))) {
            throw new IllegalArgumentException(
                    name(uniform) + "() needs a positive, finite gain. Received: " + name(uniform)
                            + "(" + gain + "). Use e.g. " + name(uniform) + "(1.0), or "
                            + name(uniform) + "(5.0 / 3) before tanh.");
        }
    }

    private static String name(boolean uniform) {
        return uniform ? "xavierUniform" : "xavierNormal";
    }

    /** The weights' variance for a layer with these fans: gain²·2/(fan_in + fan_out). */
    public double variance(long fanIn, long fanOut) {
        return gain * gain * 2.0 / (fanIn + fanOut);
    }

    @Override
    public String toString() {
        return name(uniform) + (gain == 1 ? "()" : "(" + gain + ")");
    }
}
