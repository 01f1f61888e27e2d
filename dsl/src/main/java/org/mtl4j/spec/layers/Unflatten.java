package org.mtl4j.spec.layers;

/**
 * Turns each row's flat features back into an image of {@code channels × height × width} (PyTorch
 * {@code nn.Unflatten}). An {@code image(...)} input puts it before the trunk and before each
 * expert: the data arrive as one flat row of pixels per image, and this layer gives the
 * convolutions their image. Not written in the DSL.
 *
 * @param channels the image's channels
 * @param height its height in pixels
 * @param width its width in pixels
 */
public record Unflatten(int channels, int height, int width) implements Layer {

    @Override
    public String toString() {
        return "unflatten(" + channels + ", " + height + ", " + width + ")";
    }
}
