package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntToDoubleFunction;

/**
 * One direct buffer, reused for the small uploads of a split (a window's row indices and row
 * weights, an evaluation chunk's label mask), so that they do not each leave a direct buffer
 * behind for the garbage collector (on the CPU a tensor made from a direct buffer wraps it: every
 * window used to strand about 400 KiB of native memory until a collection, 17 MiB over an epoch
 * of 1,000,000 rows). The buffer grows to the largest upload and is never shrunk.
 *
 * <p>The tensor {@link #indices} returns wraps the buffer and is valid only until the next call:
 * close it before then. {@link #copy} returns a tensor with memory of its own. Not thread-safe:
 * one buffer belongs to one split, used by the thread that trains or evaluates on it.
 *
 * <p>Example: {@code try (NDArray index = uploads.indices(manager, order, 0, 512)) {
 * features.get(manager, new NDIndex("{}", index)); }}
 */
final class UploadBuffer {

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /**
     * {@code order[from..to)} as an int64 tensor over this buffer (valid until the next call on
     * this buffer: close it after the gathers that use it).
     */
    NDArray indices(NDManager manager, int[] order, int from, int to) {
        ByteBuffer bytes = take((long) (to - from) * Long.BYTES);
        for (int i = from; i < to; i++) {
            bytes.putLong((i - from) * Long.BYTES, order[i]);
        }
        return manager.create(bytes, new Shape(to - from), DataType.INT64);
    }

    /**
     * {@code length} values, {@code value.applyAsDouble(i)} for i in {@code [0, length)} (each a
     * float widened to double), as a tensor of {@code dataType} (FLOAT32 or FLOAT64: the same
     * values as {@code manager.create(float[])} and its float64 copy give) that owns its memory:
     * the buffer is free again when this returns.
     */
    NDArray copy(NDManager manager, int length, IntToDoubleFunction value, DataType dataType) {
        boolean doubles = dataType == DataType.FLOAT64;
        ByteBuffer bytes = take((long) length * (doubles ? Double.BYTES : Float.BYTES));
        for (int i = 0; i < length; i++) {
            if (doubles) {
                bytes.putDouble(i * Double.BYTES, value.applyAsDouble(i));
            } else {
                bytes.putFloat(i * Float.BYTES, (float) value.applyAsDouble(i));
            }
        }
        try (NDArray wrapped = manager.create(bytes, new Shape(length),
                doubles ? DataType.FLOAT64 : DataType.FLOAT32)) {
            return wrapped.duplicate();
        }
    }

    /** The buffer's first {@code bytes} bytes, in native order, grown when too small. */
    private ByteBuffer take(long bytes) {
        int size = Math.toIntExact(bytes);
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        return buffer.duplicate().clear().limit(size).slice().order(ByteOrder.nativeOrder());
    }
}
