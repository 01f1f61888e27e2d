package org.mtl4j.spec.layers;

/**
 * The element-wise sigmoid activation.
 *
 * <p>Example: {@code .trunk(dense(64), sigmoid())}
 */
public record Sigmoid() implements Layer {

    @Override
    public String toString() {
        return "sigmoid()";
    }
}
