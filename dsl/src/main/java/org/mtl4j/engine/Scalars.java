package org.mtl4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;
import org.mtl4j.annotation.Internal;

/**
 * Long-lived scalar tensors for loss and update math.
 *
 * <p>DJL's {@code NDArray.mul(Number)} and friends wrap the number in a temporary tensor over a
 * direct buffer and free it at once; when a garbage collection runs between forward and backward,
 * autograd then reads freed memory and the gradients are garbage. mtl4j never passes a Java number
 * into a tensor op on the training path: it multiplies by one of these scalars instead, which live
 * (and keep their buffer reachable) as long as the manager that made them.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Scalars scalars = new Scalars(fitManager, DataType.FLOAT32);
 * NDArray half = scalars.of(0.5);         // the same array on every call
 * NDArray scaled = diff.square().mul(half);
 * }</pre>
 */
@Internal
public final class Scalars {

    private final NDManager manager;
    private final DataType dataType;
    private final Map<Double, NDArray> cache = new HashMap<>();

    /**
     * @param manager the long-lived manager the scalars belong to (closing it frees them)
     * @param dataType the floating point type of the model
     */
    public Scalars(NDManager manager, DataType dataType) {
        this.manager = manager;
        this.dataType = dataType;
    }

    /** Returns the scalar tensor holding {@code value}, creating it once. */
    public NDArray of(double value) {
        return cache.computeIfAbsent(
                value,
                v -> dataType == DataType.FLOAT64 ? manager.create(v) : manager.create(v.floatValue()));
    }

    /**
     * Creates a new vector of the model's float type (owned by the manager, not cached).
     *
     * @param values the values
     * @return a 1-D array of {@code values.length} elements
     */
    public NDArray vector(double... values) {
        if (dataType == DataType.FLOAT64) {
            return manager.create(values);
        }
        return manager.create(Precision.narrow(values));
    }

    /** The floating point type of the scalars. */
    public DataType dataType() {
        return dataType;
    }
}
