package org.mtl4j.spec.layers;

/**
 * A 2-D convolution over images (DJL {@code Conv2d}, PyTorch {@code nn.Conv2d}): {@code filters}
 * output channels, a square {@code kernel × kernel} window, moved {@code stride} pixels at a time
 * over the image padded with {@code padding} zeroes on every side (defaults: stride 1, padding 0),
 * with a bias. An output side is {@code ⌊(side + 2·padding − kernel) / stride⌋ + 1}. Its weights
 * (filters × channels × kernel × kernel) and bias start as the model's {@link Initializer} says,
 * with fan-in {@code channels × kernel²} as in PyTorch.
 *
 * <p>Example: {@code conv2d(16, 3).padding(1)}, {@code conv2d(32, 3).stride(2)}
 *
 * @param filters number of output channels, at least 1
 * @param kernel the window's side, at least 1
 * @param stride the step between windows, at least 1 (default 1)
 * @param padding zeroes added on each side, 0 or more (default 0)
 */
public record Conv2d(int filters, int kernel, int stride, int padding) implements Layer {

    /** Validates the layer. */
    public Conv2d {
        String call = "conv2d(" + filters + ", " + kernel + ")";
        if (filters < 1 || kernel < 1) {
            throw new IllegalArgumentException("conv2d() needs at least 1 filter and a kernel of at"
                    + " least 1. Received: " + call + ". Use e.g. conv2d(16, 3).");
        }
        if (stride < 1) {
            throw new IllegalArgumentException(call + ".stride() needs a stride of at least 1."
                    + " Received: stride(" + stride + "). Use e.g. .stride(2).");
        }
        if (padding < 0) {
            throw new IllegalArgumentException(call + ".padding() cannot be negative. Received:"
                    + " padding(" + padding + "). Use e.g. .padding(1).");
        }
    }

    /** A convolution with stride 1 and no padding. */
    public Conv2d(int filters, int kernel) {
        this(filters, kernel, 1, 0);
    }

    /** This convolution moving {@code stride} pixels at a time. */
    public Conv2d stride(int stride) {
        return new Conv2d(filters, kernel, stride, padding);
    }

    /** This convolution over images padded with {@code padding} zeroes on every side. */
    public Conv2d padding(int padding) {
        return new Conv2d(filters, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "conv2d(" + filters + ", " + kernel + ")" + (stride == 1 ? "" : ".stride(" + stride
                + ")") + (padding == 0 ? "" : ".padding(" + padding + ")");
    }
}
