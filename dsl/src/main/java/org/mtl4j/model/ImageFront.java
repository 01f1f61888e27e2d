package org.mtl4j.model;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.layers.Unflatten;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.MixtureOfExperts;
import org.mtl4j.spec.sharing.Sharing;

/**
 * The shared part of a model as the network builds it: with an {@code image(...)} input, an
 * {@link Unflatten} before the trunk and before each expert turns the flat row of pixels the data
 * give into {@code channels × height × width} (the gates read the flat pixels); otherwise the
 * declared shared part unchanged.
 *
 * <p>Example: {@code image("image", 1, 28, 28)} with {@code .trunk(conv2d(8, 5), ...)} builds the
 * trunk {@code unflatten(1, 28, 28), conv2d(8, 5), ...}.
 */
final class ImageFront {

    private ImageFront() {}

    static Sharing of(ModelSpec spec) {
        ImageInput image = spec.inputs().stream().filter(ImageInput.class::isInstance)
                .map(ImageInput.class::cast).findFirst().orElse(null);
        if (image == null) {
            return spec.sharing();
        }
        Unflatten front = new Unflatten(image.channels(), image.height(), image.width());
        if (spec.sharing() instanceof HardSharing hard) {
            return new HardSharing(prepend(front, hard.trunk()));
        }
        if (spec.sharing() instanceof MixtureOfExperts e) {
            return new MixtureOfExperts(e.experts(), prepend(front, e.expert()), e.taskExperts(),
                    e.levels(), e.gatePerTask(), e.gateInit());
        }
        return spec.sharing(); // cross-stitch rejects images at validation
    }

    private static List<Layer> prepend(Layer front, List<Layer> layers) {
        List<Layer> all = new ArrayList<>();
        all.add(front);
        all.addAll(layers);
        return all;
    }
}
