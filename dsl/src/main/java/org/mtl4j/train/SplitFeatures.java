package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.mtl4j.data.FeatureRows;

/**
 * A split's features, read a batch or a chunk of rows at a time: either one dense tensor on the
 * device, or (for bag-of-words inputs) compressed rows on the host made dense per batch, with the
 * same values.
 */
sealed interface SplitFeatures {

    /** Number of features per row. */
    long width();

    /**
     * The rows {@code order[from..to)}, in that order, owned by {@code manager}; {@code index}
     * holds the same rows as an int64 tensor (what a tensor on the device gathers with).
     */
    NDArray rows(NDManager manager, NDArray index, int[] order, int from, int to);

    /** The rows {@code [from, to)}, owned by {@code manager}. */
    NDArray range(NDManager manager, int from, int to);

    /** Features uploaded once as a rows × width tensor. */
    record OnDevice(NDArray features) implements SplitFeatures {
        @Override
        public long width() {
            return features.getShape().get(1);
        }

        @Override
        public NDArray rows(NDManager manager, NDArray index, int[] order, int from, int to) {
            return features.get(manager, new NDIndex("{}", index));
        }

        @Override
        public NDArray range(NDManager manager, int from, int to) {
            return features.get(manager, new NDIndex(from + ":" + to));
        }
    }

    /**
     * Sparse rows on the host. Each request is written into one reused direct buffer (zeroes
     * elsewhere), wrapped and copied into a tensor of its own, then the written slots are zeroed
     * again: no direct buffer per batch waits for a garbage collection.
     */
    final class OnHost implements SplitFeatures {
        private final FeatureRows features;
        private final DataType dataType;
        private ByteBuffer scratch = ByteBuffer.allocateDirect(0);

        OnHost(FeatureRows features, DataType dataType) {
            this.features = features;
            this.dataType = dataType;
        }

        @Override
        public long width() {
            return features.width();
        }

        @Override
        public NDArray rows(NDManager manager, NDArray index, int[] order, int from, int to) {
            FloatBuffer floats = floats(to - from);
            features.dense(order, from, to, floats);
            try {
                return tensor(manager, to - from);
            } finally {
                features.clear(order, from, to, floats);
            }
        }

        @Override
        public NDArray range(NDManager manager, int from, int to) {
            FloatBuffer floats = floats(to - from);
            features.dense(from, to, floats);
            try {
                return tensor(manager, to - from);
            } finally {
                features.clear(from, to, floats);
            }
        }

        /** The scratch buffer's first {@code rows × width} floats, grown when too small. */
        private FloatBuffer floats(int rows) {
            int bytes = Math.multiplyExact(Math.multiplyExact(rows, features.width()),
                    Float.BYTES);
            if (scratch.capacity() < bytes) {
                scratch = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            }
            return scratch.asFloatBuffer();
        }

        private NDArray tensor(NDManager manager, int rows) {
            int bytes = rows * features.width() * Float.BYTES;
            ByteBuffer used = scratch.duplicate().limit(bytes).slice()
                    .order(ByteOrder.nativeOrder());
            try (NDArray wrapped = manager.create(used, new Shape(rows, features.width()),
                    DataType.FLOAT32)) {
                return dataType == DataType.FLOAT32
                        ? wrapped.duplicate()
                        : wrapped.toType(dataType, true);
            }
        }
    }
}
