package org.mtl4j.spec.sharing;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Layer;

/**
 * Cross-stitch networks (Misra et al. 2016, "Cross-stitch Networks for Multi-task Learning",
 * CVPR): one column per task with the given layers, and after each stage (a {@code dense(n)} with
 * the activations and dropouts that follow it) a learnable T×T cross-stitch unit α that mixes the
 * columns: column i continues with Σ_j α_ij·x_j. α starts at {@code selfWeight} on the diagonal
 * and (1 − selfWeight)/(T − 1) elsewhere, so every row sums to 1.
 *
 * <p>Initialisation: the units are not drawn; they start at the matrix above whatever the model's
 * {@code Initializer}, and {@code selfWeight} sets them. The columns' dense layers follow the
 * model's initializer (or their own {@code dense(n).init(...)}).
 *
 * <p>Example: {@code .crossStitch(dense(64), relu(), dense(32), relu())} (two units), or {@code
 * .crossStitch(0.8, dense(32), relu())}. Default {@code selfWeight} 0.9.
 *
 * @param layers each column's layers; must start with {@code dense(n)}
 * @param selfWeight initial diagonal of every unit, in [0, 1]
 */
public record CrossStitch(List<Layer> layers, double selfWeight) implements Sharing {

    /** The initial diagonal of the units unless given: 0.9. */
    public static final double DEFAULT_SELF_WEIGHT = 0.9;

    /** Validates the arguments, naming the offending value. */
    public CrossStitch {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(0) instanceof Dense)) {
            throw new IllegalArgumentException(
                    "crossStitch() needs layers that start with dense(n). Received: crossStitch"
                            + Layers.arguments(layers) + ". Use e.g. crossStitch(dense(64), relu(),"
                            + " dense(32), relu()).");
        }
        if (!(selfWeight >= 0 && selfWeight <= 1)) {
            throw new IllegalArgumentException(
                    "crossStitch() needs a self weight in [0, 1]. Received: selfWeight="
                            + selfWeight + ". Use e.g. crossStitch(0.9, dense(64), relu()).");
        }
    }

    /** The layers cut into stages, each a dense layer and what follows it up to the next dense. */
    public List<List<Layer>> stages() {
        List<List<Layer>> stages = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Dense) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(layer);
        }
        return stages.stream().map(List::copyOf).toList();
    }

    @Override
    public String kind() {
        return "cross-stitch";
    }

    @Override
    public String toString() {
        return selfWeight == DEFAULT_SELF_WEIGHT
                ? "crossStitch" + Layers.arguments(layers)
                : "crossStitch" + Layers.arguments(String.valueOf(selfWeight), layers);
    }
}
