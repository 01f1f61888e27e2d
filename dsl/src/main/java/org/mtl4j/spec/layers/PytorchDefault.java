package org.mtl4j.spec.layers;

/**
 * PyTorch's initialisation of {@code nn.Linear}: weights by {@code kaiming_uniform_(a=√5)}, which
 * is U(−1/√fan_in, 1/√fan_in) (gain √(2/(1+a²)) = √(1/3), bound gain·√(3/fan_in)), and biases
 * U(−1/√fan_in, 1/√fan_in) too. Use it to compare with a PyTorch paper or script that does not
 * initialise its layers itself. The draws are mtl4j's (seeded by {@code seed(n)}), not the same
 * numbers PyTorch would draw.
 *
 * <p>Example: {@code multiTask().initializer(pytorchDefault())}
 */
public record PytorchDefault() implements Initializer {

    @Override
    public String toString() {
        return "pytorchDefault()";
    }
}
