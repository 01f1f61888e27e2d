package org.mtl4j.spec.sharing;

import java.util.List;
import java.util.stream.Collectors;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Layer;

/** Layer lists printed as DSL arguments: {@code (dense(16), relu())}. */
final class Layers {

    private Layers() {}

    static String arguments(List<Layer> layers) {
        return layers.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    static String arguments(String first, List<Layer> layers) {
        return layers.isEmpty() ? "(" + first + ")"
                : "(" + first + ", " + arguments(layers).substring(1);
    }

    static boolean hasDense(List<Layer> layers) {
        return layers.stream().anyMatch(Dense.class::isInstance);
    }
}
