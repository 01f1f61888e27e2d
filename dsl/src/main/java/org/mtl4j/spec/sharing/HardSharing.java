package org.mtl4j.spec.sharing;

import java.util.List;
import org.mtl4j.spec.layers.Layer;

/**
 * Hard parameter sharing (Caruana 1997): one trunk computed once per batch, its output read by
 * every head.
 *
 * <p>Example: {@code .trunk(dense(64), relu(), dense(32), relu())}; no trunk (the default) lets
 * every head read the features.
 *
 * @param trunk the trunk's layers, possibly none
 */
public record HardSharing(List<Layer> trunk) implements Sharing {

    /** Copies the list. */
    public HardSharing {
        trunk = List.copyOf(trunk);
    }

    @Override
    public String kind() {
        return "hard sharing";
    }

    @Override
    public String toString() {
        return "trunk" + Layers.arguments(trunk);
    }
}
