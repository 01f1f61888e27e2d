package org.mtl4j.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.mtl4j.spec.layers.AvgPool;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Flatten;
import org.mtl4j.spec.layers.GlobalAvgPool;
import org.mtl4j.spec.layers.MaxPool;
import org.mtl4j.spec.layers.Unflatten;
import org.mtl4j.spec.layers.Initializer;
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

    /** A sequential block of the layers, dense ones with the default initializer. */
    public static Block sequence(List<Layer> layers) {
        return sequence(layers, Initializer.DEFAULT);
    }

    /**
     * A sequential block of the layers, in order; no layers give a block that passes its input.
     * Dense layers without their own {@code .init(...)} start as {@code model} says.
     */
    public static Block sequence(List<Layer> layers, Initializer model) {
        if (layers.isEmpty()) {
            return new LambdaBlock(inputs -> inputs, "identity");
        }
        SequentialBlock block = new SequenceBlock();
        for (Layer layer : layers) {
            block.add(of(layer, model));
        }
        return block;
    }

    /** The DJL block of one layer, a dense one with the default initializer. */
    public static Block of(Layer layer) {
        return of(layer, Initializer.DEFAULT);
    }

    /** The DJL block of one layer; a dense one starts as its own or else {@code model}'s init. */
    public static Block of(Layer layer, Initializer model) {
        if (layer instanceof Dense dense) {
            return DenseInit.linear(dense.units(), dense.init() != null ? dense.init() : model);
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
        if (layer instanceof org.mtl4j.spec.layers.Conv2d conv) {
            return DenseInit.conv(conv, model);
        }
        if (layer instanceof MaxPool pool) {
            Shape window = new Shape(pool.kernel(), pool.kernel());
            return Pool.maxPool2dBlock(window, window);
        }
        if (layer instanceof AvgPool pool) {
            Shape window = new Shape(pool.kernel(), pool.kernel());
            return Pool.avgPool2dBlock(window, window);
        }
        if (layer instanceof GlobalAvgPool) {
            return Pool.globalAvgPool2dBlock();
        }
        if (layer instanceof org.mtl4j.spec.layers.BatchNorm) {
            // DJL's momentum weighs the running value: 0.9 is PyTorch's momentum 0.1
            return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
        }
        if (layer instanceof Flatten) {
            return ai.djl.nn.Blocks.batchFlattenBlock();
        }
        if (layer instanceof Unflatten image) {
            return new LambdaBlock(inputs -> new NDList(inputs.singletonOrThrow().reshape(
                    new Shape(-1, image.channels(), image.height(), image.width()))), "unflatten");
        }
        org.mtl4j.spec.layers.Dropout dropout = (org.mtl4j.spec.layers.Dropout) layer;
        return Dropout.builder().optRate((float) dropout.rate()).build();
    }
}
