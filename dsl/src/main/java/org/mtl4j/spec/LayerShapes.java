package org.mtl4j.spec;

import java.util.Arrays;
import java.util.List;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.layers.AvgPool;
import org.mtl4j.spec.layers.Conv2d;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Flatten;
import org.mtl4j.spec.layers.GlobalAvgPool;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.layers.MaxPool;
import org.mtl4j.spec.layers.Unflatten;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.MixtureOfExperts;

/**
 * Follows the shape of a row through the layers (images as channels × height × width, flat
 * features as one number, unknown before the first dense layer) and rejects a layer that cannot
 * take its input: a convolution or pooling on flat features, a dense layer on images, a window
 * larger than its image, an image input beside other inputs. {@link #outputShape} and {@link
 * #parameters} serve layer tables.
 *
 * <p>Example: {@code LayerShapes.outputShape(conv2d(8, 5), List.of(1, 36, 36))} is {@code [8, 32,
 * 32]} and {@code LayerShapes.parameters(conv2d(8, 5), List.of(1, 36, 36))} is 208.
 */
public final class LayerShapes {

    private static final int[] FLAT = {-1};

    private LayerShapes() {}

    static void check(ModelSpec spec) {
        ImageInput image = image(spec.inputs());
        int[] input = image == null ? FLAT : new int[] {image.channels(), image.height(),
            image.width()};
        int[] shared;
        if (spec.sharing() instanceof HardSharing hard) {
            shared = walk(hard.trunk(), input, "the trunk");
        } else if (spec.sharing() instanceof MixtureOfExperts experts) {
            if (image != null && experts.levels() > 1) {
                throw new IllegalArgumentException("Experts of several levels (PLE) read images"
                        + " only at the first level, and every level has the same experts."
                        + " Received: levels(" + experts.levels() + ") with " + image + ". Use one"
                        + " level, or a convolutional .trunk(...).");
            }
            shared = walk(experts.expert(), input, "each expert");
            // an expert has a dense layer (MixtureOfExperts checks), so it ends with flat features
            if (experts.levels() > 1) { // later levels read the mixed outputs of the one before
                shared = walk(experts.expert(), shared, "each expert after the first level");
            }
        } else {
            if (image != null) {
                throw new IllegalArgumentException("crossStitch() columns start with dense(n) and"
                        + " cannot read images. Received: " + spec.sharing() + " with " + image
                        + ". Use .trunk(conv2d(...), ...) or experts(...) for images.");
            }
            shared = walk(((CrossStitch) spec.sharing()).layers(), input, "the cross-stitch"
                    + " columns");
        }
        for (TaskSpec task : spec.tasks()) {
            walk(task.head(), shared, "the head of task '" + task.name() + "'");
        }
    }

    /**
     * A row's shape after {@code layer}: {@code [channels, height, width]} for images, {@code
     * [features]} for flat features.
     *
     * @throws IllegalArgumentException if the layer cannot take {@code input}
     */
    public static List<Integer> outputShape(Layer layer, List<Integer> input) {
        int[] in = input.stream().mapToInt(Integer::intValue).toArray();
        return Arrays.stream(after(layer, in, "the model")).boxed().toList();
    }

    /**
     * The trainable parameters of {@code layer} on {@code input} (batch norm: γ and β per channel
     * or feature; its running statistics are not counted, as in PyTorch).
     */
    public static long parameters(Layer layer, List<Integer> input) {
        if (layer instanceof Dense dense) {
            return ((long) input.get(0) + 1) * dense.units();
        }
        if (layer instanceof Conv2d conv) {
            return ((long) input.get(0) * conv.kernel() * conv.kernel() + 1) * conv.filters();
        }
        if (layer instanceof org.mtl4j.spec.layers.BatchNorm) {
            return 2L * input.get(0);
        }
        return 0;
    }

    private static ImageInput image(List<Input> inputs) {
        for (Input input : inputs) {
            if (input instanceof ImageInput image) {
                if (inputs.size() > 1) {
                    throw new IllegalArgumentException(image + " must be the model's only input."
                            + " Received: inputs=" + inputs + ". Train on the images alone.");
                }
                return image;
            }
        }
        return null;
    }

    private static int[] walk(List<Layer> layers, int[] shape, String where) {
        for (Layer layer : layers) {
            shape = after(layer, shape, where);
        }
        return shape;
    }

    private static int[] after(Layer layer, int[] in, String where) {
        if (layer instanceof Unflatten u) {
            return new int[] {u.channels(), u.height(), u.width()};
        }
        if (layer instanceof Flatten) {
            return in.length == 1 ? in : new int[] {in[0] * in[1] * in[2]};
        }
        if (layer instanceof Dense dense) {
            if (in.length != 1) {
                throw new IllegalArgumentException(layer + " in " + where + " needs flat features,"
                        + " but it receives images of " + size(in) + ". Put flatten() or"
                        + " globalAvgPool() before it.");
            }
            return new int[] {dense.units()};
        }
        if (layer instanceof Conv2d conv) {
            image(layer, in, where, conv.kernel(), conv.padding());
            return new int[] {conv.filters(), side(in[1], conv), side(in[2], conv)};
        }
        if (layer instanceof MaxPool || layer instanceof AvgPool) {
            int kernel = layer instanceof MaxPool max ? max.kernel() : ((AvgPool) layer).kernel();
            image(layer, in, where, kernel, 0);
            return new int[] {in[0], in[1] / kernel, in[2] / kernel};
        }
        if (layer instanceof GlobalAvgPool) {
            image(layer, in, where, 1, 0);
            return new int[] {in[0]};
        }
        return in;
    }

    private static int side(int side, Conv2d conv) {
        return (side + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
    }

    private static void image(Layer layer, int[] in, String where, int kernel, int padding) {
        if (in.length != 3) {
            throw new IllegalArgumentException(layer + " in " + where + " needs images (channels"
                    + " × height × width), but it receives flat features. Read images with"
                    + " .input(image(\"image\", 1, 28, 28)) and put image layers before"
                    + " flatten().");
        }
        if (Math.min(in[1], in[2]) + 2 * padding < kernel) {
            throw new IllegalArgumentException(layer + " in " + where + " needs images of at"
                    + " least " + kernel + " × " + kernel + " pixels (padding included), but it"
                    + " receives " + size(in) + ". Use a smaller kernel, .padding(...), or fewer"
                    + " pooling layers before it.");
        }
    }

    private static String size(int[] shape) {
        return String.join(" × ", Arrays.stream(shape).mapToObj(String::valueOf).toList());
    }
}
