package org.mtl4j.spec.layers;

/**
 * The mean of every channel over the whole image: images of {@code channels × height × width}
 * become {@code channels} flat features (PyTorch {@code nn.AdaptiveAvgPool2d(1)} then {@code
 * flatten}). It has no parameters.
 *
 * <p>Example: {@code .trunk(conv2d(16, 3), relu(), conv2d(32, 3), relu(), globalAvgPool())}
 */
public record GlobalAvgPool() implements Layer {

    @Override
    public String toString() {
        return "globalAvgPool()";
    }
}
