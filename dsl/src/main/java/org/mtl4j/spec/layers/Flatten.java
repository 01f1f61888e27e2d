package org.mtl4j.spec.layers;

/**
 * Flattens images (channels × height × width) into one feature vector per row, in channel, row,
 * column order (PyTorch {@code nn.Flatten}); flat features pass unchanged. It has no parameters.
 *
 * <p>Example: {@code .trunk(conv2d(8, 5), relu(), maxPool(2), flatten(), dense(32), relu())}
 */
public record Flatten() implements Layer {

    @Override
    public String toString() {
        return "flatten()";
    }
}
