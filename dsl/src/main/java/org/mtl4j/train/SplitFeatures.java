package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.mtl4j.data.FeatureRows;

/**
 * A split's features, read a batch or a chunk of rows at a time: either one dense tensor on the
 * device, or (for bag-of-words inputs) compressed rows on the host made dense per batch, with the
 * same values.
 */
sealed interface SplitFeatures {

    /** Number of features per row. */
    long width();

    /** The rows {@code order[from..to)}, in that order, owned by {@code manager}. */
    NDArray rows(NDManager manager, int[] order, int from, int to);

    /** The rows {@code [from, to)}, owned by {@code manager}. */
    NDArray range(NDManager manager, int from, int to);

    /** Features uploaded once as a rows × width tensor. */
    record OnDevice(NDArray features) implements SplitFeatures {
        @Override
        public long width() {
            return features.getShape().get(1);
        }

        @Override
        public NDArray rows(NDManager manager, int[] order, int from, int to) {
            return features.get(manager, new NDIndex("{}", manager.create(
                    Arrays.stream(order, from, to).asLongStream().toArray())));
        }

        @Override
        public NDArray range(NDManager manager, int from, int to) {
            return features.get(manager, new NDIndex(from + ":" + to));
        }
    }

    /** Sparse rows on the host, each request written into a fresh direct buffer. */
    record OnHost(FeatureRows features, DataType dataType) implements SplitFeatures {
        @Override
        public long width() {
            return features.width();
        }

        @Override
        public NDArray rows(NDManager manager, int[] order, int from, int to) {
            ByteBuffer buffer = buffer(to - from);
            features.dense(order, from, to, buffer.asFloatBuffer());
            return tensor(manager, buffer, to - from);
        }

        @Override
        public NDArray range(NDManager manager, int from, int to) {
            ByteBuffer buffer = buffer(to - from);
            features.dense(from, to, buffer.asFloatBuffer());
            return tensor(manager, buffer, to - from);
        }

        private ByteBuffer buffer(int rows) {
            return ByteBuffer.allocateDirect(Math.multiplyExact(
                    Math.multiplyExact(rows, features.width()), Float.BYTES))
                    .order(ByteOrder.nativeOrder());
        }

        private NDArray tensor(NDManager manager, ByteBuffer buffer, int rows) {
            return Tensors.converted(manager.create(buffer, new Shape(rows, features.width()),
                    DataType.FLOAT32), dataType);
        }
    }
}
