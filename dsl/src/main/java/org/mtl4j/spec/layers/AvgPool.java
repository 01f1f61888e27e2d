package org.mtl4j.spec.layers;

/**
 * Avg pooling over images (DJL {@code Pool.avgPool2dBlock}, PyTorch {@code
 * nn.AvgPool2d(k)}): the mean of each {@code kernel × kernel} window of every channel, windows
 * {@code kernel} pixels apart (stride = kernel, no padding; a side becomes {@code ⌊side /
 * kernel⌋}). It has no parameters.
 *
 * <p>Example: {@code avgPool(2)} halves the height and width.
 *
 * @param kernel the window's side and stride, at least 1
 */
public record AvgPool(int kernel) implements Layer {

    /** Validates the kernel. */
    public AvgPool {
        if (kernel < 1) {
            throw new IllegalArgumentException("avgPool() needs a kernel of at least 1."
                    + " Received: avgPool(" + kernel + "). Use e.g. avgPool(2).");
        }
    }

    @Override
    public String toString() {
        return "avgPool(" + kernel + ")";
    }
}
