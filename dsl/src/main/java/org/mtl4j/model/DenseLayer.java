package org.mtl4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Linear} that asks whether its weight and bias are initialised only until they are
 * (see {@link SequenceBlock}: DJL asks before every training forward and copies the parameter
 * list to answer), and takes its parameters for the device of the {@link ParameterStore} rather
 * than of the input (DJL asks libtorch for the device of every new input: one native call a layer
 * and step; the store's device is the inputs' in every mtl4j forward). Built by {@link
 * DenseInit#linear}; otherwise DJL's layer, saved and loaded as one.
 *
 * <p>Example: {@code DenseInit.linear(64, new PytorchDefault())} is one with 64 outputs.
 */
final class DenseLayer extends Linear {

    private boolean initialized;
    private final Parameter weight;
    /** Null for a layer without bias. */
    private final Parameter bias;

    /** A layer as {@code builder} describes it (units, bias). */
    DenseLayer(Linear.Builder builder) {
        super(builder);
        // Linear adds both in its constructor
        weight = getParameters().get("weight");
        bias = getParameters().get("bias");
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        Device device = parameterStore.getManager().getDevice();
        return linear(inputs.singletonOrThrow(), parameterStore.getValue(weight, device, training),
                parameterStore.getValue(bias, device, training));
    }
}
