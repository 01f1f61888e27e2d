package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * A parameter store that hands the blocks other values for some parameters (by parameter id) and
 * the parameters' own arrays for the rest: the {@link AffinityProbe}'s look-ahead forward runs on
 * {@code θ_s − η g_i} without writing into the shared parameters.
 */
final class LookAheadStore extends ParameterStore {

    private final Map<String, NDArray> substitutes;

    /**
     * @param manager the step's manager
     * @param substitutes the values to use instead, by {@link Parameter#getId()}
     */
    LookAheadStore(NDManager manager, Map<String, NDArray> substitutes) {
        super(manager, false);
        this.substitutes = Map.copyOf(substitutes);
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray substitute = parameter == null ? null : substitutes.get(parameter.getId());
        return substitute != null ? substitute : super.getValue(parameter, device, training);
    }
}
