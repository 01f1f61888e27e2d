package org.mtl4j.spec.layers;

/**
 * Max pooling over images (DJL {@code Pool.maxPool2dBlock}, PyTorch {@code
 * nn.MaxPool2d(k)}): the largest value of each {@code kernel × kernel} window of every channel, windows
 * {@code kernel} pixels apart (stride = kernel, no padding; a side becomes {@code ⌊side /
 * kernel⌋}). It has no parameters.
 *
 * <p>Example: {@code maxPool(2)} halves the height and width.
 *
 * @param kernel the window's side and stride, at least 1
 */
public record MaxPool(int kernel) implements Layer {

    /** Validates the kernel. */
    public MaxPool {
        if (kernel < 1) {
            throw new IllegalArgumentException("maxPool() needs a kernel of at least 1."
                    + " Received: maxPool(" + kernel + "). Use e.g. maxPool(2).");
        }
    }

    @Override
    public String toString() {
        return "maxPool(" + kernel + ")";
    }
}
