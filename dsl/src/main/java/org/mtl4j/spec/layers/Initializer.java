package org.mtl4j.spec.layers;

/**
 * How a {@code dense(n)} layer's weights W (shape units × fan_in) and biases b start. Set it for
 * the whole model with {@code multiTask().initializer(...)} and for one layer with {@code
 * dense(n).init(...)}; a layer's own choice beats the model's. MMoE/CGC/PLE gates follow the model
 * unless {@code .gateInit(...)} says otherwise. With fan_in the layer's inputs and fan_out its
 * units:
 *
 * <ul>
 *   <li>{@code pytorchDefault()} ({@link PytorchDefault}): PyTorch's {@code nn.Linear}, W and b ~
 *       U(−1/√fan_in, 1/√fan_in) (Kaiming-uniform with a = √5);
 *   <li>{@code xavierUniform(gain)} / {@code xavierNormal(gain)} ({@link Xavier}, Glorot &amp;
 *       Bengio 2010): W ~ U(−g·√(6/(fan_in+fan_out)), +…) or N(0, g²·2/(fan_in+fan_out)), b = 0;
 *   <li>{@code kaimingUniform(...)} / {@code kaimingNormal(...)} ({@link Kaiming}, He et al.
 *       2015): W ~ U(−g·√(3/fan), +…) or N(0, g²/fan), b = 0, fan = fan_in or fan_out, g the
 *       nonlinearity's gain;
 *   <li>{@code normal(mean, std)} ({@link Normal}): W ~ N(mean, std²), b = 0.
 * </ul>
 *
 * <p>Default: {@link #DEFAULT}, {@code kaimingNormal()}, i.e. W ~ N(0, 2/fan_in) and b = 0, which
 * is DJL's own default for a linear layer (drawn the same way, so results are unchanged). The
 * draws come from the engine's generator, which {@code fit(..., seed(n))} seeds before the network
 * is built: the same seed on the same device gives the same weights. A saved model records the
 * initializer in its spec.
 *
 * <p>Example:
 *
 * <pre>{@code
 * multiTask()
 *     .initializer(pytorchDefault())                       // every dense layer, like nn.Linear
 *     .input(numeric("x1", "x2"))
 *     .trunk(dense(64).init(xavierUniform()), relu())      // this layer: Glorot-uniform
 *     .task("y").head(dense(1)).loss(mse())
 *     .build();
 * }</pre>
 */
public sealed interface Initializer permits PytorchDefault, Xavier, Kaiming, Normal {

    /**
     * The initializer of a model that names none: {@code kaimingNormal()}, He-normal weights with
     * variance 2/fan_in and zero biases, DJL's default for {@code Linear}.
     */
    Initializer DEFAULT = new Kaiming(false, 0, Kaiming.FAN_IN, "relu");
}
