package org.mtl4j.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.layers.Relu;
import org.mtl4j.spec.layers.Sigmoid;
import org.mtl4j.spec.layers.Tanh;

/**
 * Builds DJL blocks from layer specs.
 *
 * <p>Example: {@code Blocks.sequence(List.of(dense(64), relu()))} is a {@code SequentialBlock} of a
 * {@code Linear(64)} and a ReLU.
 */
public final class Blocks {

    private Blocks() {}

    /** A sequential block of the layers, in order; no layers give a block that passes its input. */
    public static Block sequence(List<Layer> layers) {
        if (layers.isEmpty()) {
            return new LambdaBlock(inputs -> inputs, "identity");
        }
        SequentialBlock block = new SequentialBlock();
        for (Layer layer : layers) {
            block.add(of(layer));
        }
        return block;
    }

    /** The DJL block of one layer. */
    public static Block of(Layer layer) {
        if (layer instanceof Dense dense) {
            return Linear.builder().setUnits(dense.units()).build();
        }
        if (layer instanceof Relu) {
            return Activation.reluBlock();
        }
        if (layer instanceof Tanh) {
            return Activation.tanhBlock();
        }
        if (layer instanceof Sigmoid) {
            return Activation.sigmoidBlock();
        }
        org.mtl4j.spec.layers.Dropout dropout = (org.mtl4j.spec.layers.Dropout) layer;
        return Dropout.builder().optRate((float) dropout.rate()).build();
    }
}
