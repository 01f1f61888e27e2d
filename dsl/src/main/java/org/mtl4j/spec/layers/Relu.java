package org.mtl4j.spec.layers;

/**
 * The element-wise relu activation.
 *
 * <p>Example: {@code .trunk(dense(64), relu())}
 */
public record Relu() implements Layer {

    @Override
    public String toString() {
        return "relu()";
    }
}
