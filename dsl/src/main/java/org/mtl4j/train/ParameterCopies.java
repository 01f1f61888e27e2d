package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.engine.Torch;

/**
 * One step's copies of the model's parameters on a shard's device ({@link DeviceShards}): leaves
 * outside the parameters' graph (DJL copies between devices without recording), handed to the
 * blocks by {@link #store()}, whose gradients {@link #addGradients} adds into the parameters' own.
 * The shard that reads the parameters themselves has {@link #none}.
 *
 * <p>Example: {@code ParameterCopies copies = ParameterCopies.on(parameters, Device.gpu(1),
 * shardManager); block.forward(copies.store(), x, true); ...; copies.addGradients(step);}
 */
final class ParameterCopies {

    private final List<NDArray[]> pairs;
    private final ParameterStore store;

    private ParameterCopies(List<NDArray[]> pairs, ParameterStore store) {
        this.pairs = pairs;
        this.store = store;
    }

    /** No copies: the blocks read the parameters through {@code master}. */
    static ParameterCopies none(ParameterStore master) {
        return new ParameterCopies(List.of(), master);
    }

    /**
     * Copies of {@code parameters} on {@code device}, owned by {@code shardManager}; a copy takes
     * a gradient when its parameter's array does.
     */
    static ParameterCopies on(List<Parameter> parameters, Device device, NDManager shardManager) {
        List<NDArray[]> pairs = new ArrayList<>(parameters.size());
        Map<String, NDArray> byId = new HashMap<>();
        for (Parameter parameter : parameters) {
            NDArray array = parameter.getArray();
            // DJL's toDevice(device, true) returns the same tensor on the same device, so a copy
            // there is a clone of the detached values (on another device, a copy outside the graph)
            NDArray copy;
            if (array.getDevice().equals(device)) {
                NDArray values = array.stopGradient();
                values.attach(shardManager);
                copy = values.duplicate();
                copy.attach(shardManager);
            } else {
                copy = DeviceCopy.of(array, device, shardManager, false);
            }
            // as the parameter's own array: batch norm's running statistics and parameters that
            // freeze(...) turned off take none
            if (array.hasGradient()) {
                copy.setRequiresGradient(true);
            }
            pairs.add(new NDArray[] {array, copy});
            byId.put(parameter.getId(), copy);
        }
        return new ParameterCopies(pairs, new LookAheadStore(shardManager, byId));
    }

    /** The store that hands the blocks these copies (or the parameters, for {@link #none}). */
    ParameterStore store() {
        return store;
    }

    /**
     * Adds the copies' gradients into the parameters' own (on the device of {@code manager}, the
     * step's, which holds the parameters) and zeroes the copies'.
     */
    void addGradients(NDManager manager) {
        Device main = manager.getDevice();
        for (NDArray[] pair : pairs) {
            NDArray copy = pair[1];
            if (!copy.hasGradient()) {
                continue;
            }
            NDArray gradient = Torch.gradient(copy);
            if (gradient == null) {
                continue;
            }
            gradient.attach(manager);
            NDArray onMain = gradient.toDevice(main, false);
            onMain.attach(manager);
            NDArray own = Torch.gradient(pair[0]);
            if (own != null) {
                own.attach(manager);
                own.addi(onMain);
            } else {
                // the parameter had no gradient yet: a backward on the parameter itself makes it
                NDArray first = onMain.duplicate();
                first.attach(manager);
                Torch.backward(pair[0], first, false);
            }
            Torch.zeroGradient(copy);
        }
    }
}
