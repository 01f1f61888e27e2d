package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mtl4j.data.FeatureEncoder;
import org.mtl4j.engine.Precision;
import tech.tablesaw.api.Table;

/** Creates tensors of the model's float type straight from host arrays. */
final class Tensors {

    private Tensors() {}

    static NDArray floats(NDManager manager, float[] values, Shape shape, DataType dataType) {
        if (dataType == DataType.FLOAT64) {
            return manager.create(Precision.widen(values), shape);
        }
        return manager.create(values, shape);
    }

    /**
     * The encoded rows as a rows × width tensor of {@code dataType}, written straight into one
     * direct buffer that the tensor wraps (no float[] and no second copy on the CPU; a float64
     * model converts it once on the device).
     */
    static NDArray features(NDManager manager, FeatureEncoder encoder, Table table, int[] rows,
            DataType dataType) {
        int floats = Math.multiplyExact(rows.length, encoder.width());
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES))
                .order(ByteOrder.nativeOrder());
        encoder.encode(table, rows, buffer.asFloatBuffer());
        return converted(manager.create(buffer, new Shape(rows.length, encoder.width()),
                DataType.FLOAT32), dataType);
    }

    /** {@code floats32} as {@code dataType} (itself for float32; else a copy, and it is closed). */
    static NDArray converted(NDArray floats32, DataType dataType) {
        if (dataType == DataType.FLOAT32) {
            return floats32;
        }
        try (floats32) {
            return floats32.toType(dataType, true);
        }
    }

    /**
     * {@code values} (class indices) as an int64 tensor, written straight into the direct buffer
     * the tensor wraps (no long[] on the Java heap: 8 MB per million labels).
     */
    static NDArray longs(NDManager manager, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(values.length, Long.BYTES))
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < values.length; i++) {
            buffer.putLong(i * Long.BYTES, (long) values[i]);
        }
        return manager.create(buffer, new Shape(values.length), DataType.INT64);
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
