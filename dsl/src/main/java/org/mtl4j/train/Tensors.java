package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Creates tensors of the model's float type straight from host arrays. */
final class Tensors {

    private Tensors() {}

    static NDArray floats(NDManager manager, float[] values, Shape shape, DataType dataType) {
        if (dataType == DataType.FLOAT64) {
            double[] doubles = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                doubles[i] = values[i];
            }
            return manager.create(doubles, shape);
        }
        return manager.create(values, shape);
    }

    static NDArray longs(NDManager manager, float[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = (long) values[i];
        }
        return manager.create(longs);
    }

    /** Copies a tensor to the host as floats. */
    static float[] toFloats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }
}
