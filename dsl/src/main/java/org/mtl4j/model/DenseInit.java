package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import org.mtl4j.spec.layers.Kaiming;
import org.mtl4j.spec.layers.Normal;
import org.mtl4j.spec.layers.PytorchDefault;
import org.mtl4j.spec.layers.Xavier;

/**
 * Builds a {@code Linear} whose weight (units × fan_in) and bias start as an mtl4j {@link
 * org.mtl4j.spec.layers.Initializer} says (the formulas are there). Draws use the engine's
 * generator on the parameters' device, weight before bias, in DJL's initialisation order. {@code
 * kaimingNormal()} computes its σ as DJL's own default does, so the default draws the very numbers
 * DJL would.
 *
 * <p>Example: {@code DenseInit.linear(64, new PytorchDefault())}
 */
final class DenseInit {

    private DenseInit() {}

    /** A linear layer of {@code units} outputs that starts as {@code init} says. */
    static Linear linear(int units, org.mtl4j.spec.layers.Initializer init) {
        Linear linear = new DenseLayer(Linear.builder().setUnits(units));
        Parameter weight = linear.getParameters().get("weight");
        weight.setInitializer(weights(init));
        if (init instanceof PytorchDefault) {
            // the bias reads its fan_in from the weight, whose shape Linear sets before either
            linear.getParameters().get("bias").setInitializer((manager, shape, type) ->
                    uniform(manager, 1 / Math.sqrt(weight.getShape().get(1)), shape, type));
        }
        return linear;
    }

    /**
     * A 2-D convolution whose weight (filters × channels × kernel × kernel) and bias start as
     * {@code init} says, with PyTorch's fans: channels × kernel² in, filters × kernel² out.
     */
    static Conv2d conv(org.mtl4j.spec.layers.Conv2d spec, org.mtl4j.spec.layers.Initializer init) {
        Conv2d conv = Conv2d.builder()
                .setFilters(spec.filters())
                .setKernelShape(new Shape(spec.kernel(), spec.kernel()))
                .optStride(new Shape(spec.stride(), spec.stride()))
                .optPadding(new Shape(spec.padding(), spec.padding()))
                .build();
        Parameter weight = conv.getParameters().get("weight");
        weight.setInitializer(weights(init));
        if (init instanceof PytorchDefault) {
            conv.getParameters().get("bias").setInitializer((manager, shape, type) ->
                    uniform(manager, 1 / Math.sqrt(fanIn(weight.getShape())), shape, type));
        }
        return conv;
    }

    private static Initializer weights(org.mtl4j.spec.layers.Initializer init) {
        if (init instanceof PytorchDefault) {
            return (manager, shape, type) ->
                    uniform(manager, 1 / Math.sqrt(fanIn(shape)), shape, type);
        }
        if (init instanceof Xavier xavier) {
            return (manager, shape, type) -> {
                double variance = xavier.variance(fanIn(shape), fanOut(shape));
                return xavier.uniform()
                        ? uniform(manager, Math.sqrt(3 * variance), shape, type)
                        : normal(manager, 0, (float) Math.sqrt(variance), shape, type);
            };
        }
        if (init instanceof Kaiming kaiming) {
            return (manager, shape, type) -> {
                long fan = kaiming.fan(fanIn(shape), fanOut(shape));
                if (kaiming.uniform()) {
                    return uniform(manager, Math.sqrt(3 * kaiming.variance(fanIn(shape),
                            fanOut(shape))), shape, type);
                }
                // in float, as DJL's XavierInitializer(GAUSSIAN, IN, 2) computes it
                float variance = (float) kaiming.gainSquared() / (float) fan;
                return normal(manager, 0, (float) StrictMath.sqrt(variance), shape, type);
            };
        }
        Normal normal = (Normal) init;
        return (manager, shape, type) ->
                normal(manager, (float) normal.mean(), (float) normal.std(), shape, type);
    }

    private static long fanIn(Shape shape) {
        return shape.get(1) * receptiveField(shape);
    }

    private static long fanOut(Shape shape) {
        return shape.get(0) * receptiveField(shape);
    }

    /** 1 for a dense weight, kernel height × width for a convolution's. */
    private static long receptiveField(Shape shape) {
        long field = 1;
        for (int axis = 2; axis < shape.dimension(); axis++) {
            field *= shape.get(axis);
        }
        return field;
    }

    private static NDArray uniform(NDManager manager, double bound, Shape shape, DataType type) {
        float b = (float) bound;
        return manager.randomUniform(-b, b, shape, type, manager.getDevice());
    }

    private static NDArray normal(NDManager manager, float mean, float std, Shape shape,
            DataType type) {
        return manager.randomNormal(mean, std, shape, type, manager.getDevice());
    }
}
