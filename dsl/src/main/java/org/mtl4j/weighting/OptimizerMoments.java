package org.mtl4j.weighting;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mtl4j.annotation.Internal;
import org.mtl4j.engine.Precision;

/**
 * Reads and writes the state DJL's optimizers keep for one parameter (Adam's and AdamW's moments,
 * SGD's momentum, the update counts), which DJL 0.36 keeps in private fields: this class reads
 * those fields by reflection, so that a saved uncertainty weighting goes on exactly where it
 * stopped (and a saved model's SGD with momentum too). mtl4j updates with
 * DJL's optimizers only for SGD now (Adam is {@link org.mtl4j.engine.FusedAdam}), but files saved
 * with DJL's Adam state use the same keys, which {@code FusedAdamOptimizer} reads. It fails with
 * an {@link IllegalStateException} naming the field if a DJL version no longer has it.
 *
 * <p>Example: {@code OptimizerMoments.read(adam, "uncertainty.logVariance")} gives e.g. {@code
 * {optimizer.means=[...], optimizer.variances=[...], optimizer.counts=[12, 12]}}.
 */
@Internal
public final class OptimizerMoments {

    private static final String PREFIX = "optimizer.";

    private OptimizerMoments() {}

    /** The optimizer's state for {@code parameterId} (empty before its first update). */
    public static Map<String, double[]> read(Optimizer optimizer, String parameterId) {
        Map<String, double[]> state = new HashMap<>();
        for (Field field : stateFields(optimizer)) {
            Map<Device, NDArray> perDevice = states(optimizer, field).get(parameterId);
            if (perDevice != null && perDevice.size() == 1) {
                NDArray array = perDevice.values().iterator().next();
                state.put(PREFIX + field.getName(),
                        array.toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        Integer count = counts(optimizer).get(parameterId);
        if (count != null) {
            state.put(PREFIX + "counts", new double[] {count, (int) get(optimizer, "numUpdate")});
        }
        return state;
    }

    /** Puts back what {@link #read} gave, with arrays shaped like {@code parameter}. */
    public static void write(Optimizer optimizer, String parameterId, Map<String, double[]> state,
            NDArray parameter) {
        for (Field field : stateFields(optimizer)) {
            double[] values = state.get(PREFIX + field.getName());
            if (values == null) {
                continue;
            }
            NDArray array = parameter.getDataType() == DataType.FLOAT64
                    ? parameter.getManager().create(DoubleBuffer.wrap(values), parameter.getShape())
                    : parameter.getManager().create(FloatBuffer.wrap(Precision.narrow(values)),
                            parameter.getShape());
            states(optimizer, field).computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                    .put(parameter.getDevice(), array);
        }
        double[] counts = state.get(PREFIX + "counts");
        if (counts != null) {
            counts(optimizer).put(parameterId, (int) counts[0]);
            set(optimizer, "numUpdate", (int) counts[1]);
        }
    }


    /** The fields of type {@code Map<String, Map<Device, NDArray>>} of the optimizer's class. */
    private static java.util.List<Field> stateFields(Optimizer optimizer) {
        java.util.List<Field> fields = new java.util.ArrayList<>();
        for (Field field : optimizer.getClass().getDeclaredFields()) {
            if (field.getType() == Map.class
                    && field.getGenericType() instanceof ParameterizedType type
                    && type.getActualTypeArguments()[1] instanceof ParameterizedType inner
                    && inner.getActualTypeArguments()[0] == Device.class) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<Device, NDArray>> states(Optimizer optimizer, Field field) {
        try {
            return (Map<String, Map<Device, NDArray>>) field.get(optimizer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field + " of DJL's optimizer.", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts(Optimizer optimizer) {
        return (Map<String, Integer>) get(optimizer, "updateCounts");
    }

    private static Object get(Optimizer optimizer, String name) {
        try {
            Field field = Optimizer.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(optimizer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This DJL version's Optimizer has no field '" + name
                    + "', which mtl4j reads to save a weighting's optimizer state. Use DJL "
                    + "0.36.0, as the mtl4j build does.", e);
        }
    }

    private static void set(Optimizer optimizer, String name, int value) {
        try {
            Field field = Optimizer.class.getDeclaredField(name);
            field.setAccessible(true);
            field.setInt(optimizer, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This DJL version's Optimizer has no field '" + name
                    + "'. Use DJL 0.36.0, as the mtl4j build does.", e);
        }
    }
}
