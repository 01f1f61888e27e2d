package org.mtl4j.spec.layers;

import java.util.List;

/**
 * Kaiming/He initialisation (He et al. 2015), as PyTorch's {@code kaiming_uniform_} and {@code
 * kaiming_normal_}: with fan = fan_in ({@code "fan_in"}, keeps the forward variance) or fan_out
 * ({@code "fan_out"}, keeps the backward one) and g the gain of the nonlinearity that follows,
 * weights U(−b, b) with b = g·√(3/fan), or N(0, σ²) with σ = g/√fan; biases 0. Gains, as PyTorch's
 * {@code calculate_gain}: {@code "linear"} and {@code "sigmoid"} 1, {@code "tanh"} 5/3, {@code
 * "relu"} √2, {@code "leaky_relu"} √(2/(1 + a²)) with a the negative slope, {@code "selu"} 3/4.
 *
 * <p>Defaults: {@code kaimingUniform()} and {@code kaimingNormal()} use {@code "fan_in"} and
 * {@code "relu"} (σ² = 2/fan_in; {@code kaimingNormal()} is mtl4j's and DJL's default).
 * PyTorch's {@code nn.Linear} default is {@code kaimingUniform(Math.sqrt(5), "fan_in",
 * "leaky_relu")} for the weights, with uniform biases: use {@code pytorchDefault()} for both.
 *
 * <p>Example: {@code dense(64).init(kaimingNormal("fan_out", "relu"))}
 *
 * @param uniform true for the uniform form, false for the normal one
 * @param a the negative slope of {@code "leaky_relu"}, finite; 0 for the other nonlinearities
 * @param mode {@code "fan_in"} or {@code "fan_out"}
 * @param nonlinearity one of {@link #NONLINEARITIES}
 */
public record Kaiming(boolean uniform, double a, String mode, String nonlinearity)
        implements Initializer {

    /** The fan of the layer's inputs. */
    public static final String FAN_IN = "fan_in";

    /** The fan of the layer's outputs. */
    public static final String FAN_OUT = "fan_out";

    /** The nonlinearities whose gain is known, with PyTorch's names. */
    public static final List<String> NONLINEARITIES =
            List.of("linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu");

    /** Validates the arguments. */
    public Kaiming {
        String call = call(uniform, a, mode, nonlinearity);
        if (!FAN_IN.equals(mode) && !FAN_OUT.equals(mode)) {
            throw new IllegalArgumentException(
                    name(uniform) + "() needs mode \"fan_in\" or \"fan_out\". Received: " + call
                            + ". Use e.g. " + name(uniform) + "(\"fan_in\", \"relu\").");
        }
        if (nonlinearity == null || !NONLINEARITIES.contains(nonlinearity)) {
            throw new IllegalArgumentException(
                    name(uniform) + "() knows the gain of " + String.join(", ", NONLINEARITIES)
                            + " (PyTorch's names). Received: " + call + ". Use e.g. "
                            + name(uniform) + "(\"" + mode + "\", \"relu\").");
        }
        if (!Double.isFinite(a)) {
            throw new IllegalArgumentException(
                    name(uniform) + "() needs a finite negative slope a. Received: " + call
                            + ". Use e.g. " + name(uniform)
                            + "(0.01, \"fan_in\", \"leaky_relu\").");
        }
        if (a != 0 && !"leaky_relu".equals(nonlinearity)) {
            throw new IllegalArgumentException(
                    name(uniform) + "() uses a, the negative slope, only with \"leaky_relu\"."
                            + " Received: " + call + ". Use " + call(uniform, a, mode, "leaky_relu")
                            + ", or " + call(uniform, 0, mode, nonlinearity) + ".");
        }
    }

    /** The square of the nonlinearity's gain, g². */
    public double gainSquared() {
        return switch (nonlinearity) {
            case "tanh" -> 25.0 / 9;
            case "relu" -> 2;
            case "leaky_relu" -> 2 / (1 + a * a);
            case "selu" -> 9.0 / 16;
            default -> 1;
        };
    }

    /** The fan the mode picks. */
    public long fan(long fanIn, long fanOut) {
        return FAN_IN.equals(mode) ? fanIn : fanOut;
    }

    /** The weights' variance for a layer with these fans: g²/fan. */
    public double variance(long fanIn, long fanOut) {
        return gainSquared() / fan(fanIn, fanOut);
    }

    private static String name(boolean uniform) {
        return uniform ? "kaimingUniform" : "kaimingNormal";
    }

    private static String call(boolean uniform, double a, String mode, String nonlinearity) {
        return name(uniform) + "(" + (a == 0 ? "" : a + ", ") + quote(mode) + ", "
                + quote(nonlinearity) + ")";
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    @Override
    public String toString() {
        return a == 0 && FAN_IN.equals(mode) && "relu".equals(nonlinearity)
                ? name(uniform) + "()"
                : call(uniform, a, mode, nonlinearity);
    }
}
