package org.mtl4j.spec.layers;

/**
 * The element-wise tanh activation.
 *
 * <p>Example: {@code .trunk(dense(64), tanh())}
 */
public record Tanh() implements Layer {

    @Override
    public String toString() {
        return "tanh()";
    }
}
