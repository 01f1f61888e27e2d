package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.mtl4j.engine.Torch;

/**
 * The trunk's outputs of a batch split across devices ({@link DeviceShards#cut}), each in its
 * shard's graph: the backward of a {@link TrunkCut} whose leaf is their rows side by side on the
 * first device.
 *
 * <p>Example: {@code trunk.backward(leafGradient, false, stepManager)}.
 *
 * @param shards the shards, in row order
 */
record ShardedTrunk(List<Shard> shards) {

    /**
     * One shard's trunk.
     *
     * @param manager the step's manager on {@code device}, owning the shard's arrays
     * @param output its trunk output, in its graph on {@code device}
     * @param from its first row in the batch
     * @param to the row after its last
     * @param copies the parameters it read
     */
    record Shard(Device device, NDManager manager, NDArray output, int from, int to,
            ParameterCopies copies) {}

    /**
     * Backpropagates the leaf's gradient, row range by row range, into each shard's trunk, and
     * the shard's parameter copies' gradients into the parameters'; nothing into a shard whose
     * trunk output has no gradient path ({@code freeze(...)} froze the trunk).
     */
    void backward(NDArray gradient, boolean keepGraph, NDManager manager) {
        for (Shard shard : shards) {
            NDArray rows = gradient.get(new NDIndex(shard.from() + ":" + shard.to()));
            rows.attach(manager);
            NDArray onShard = DeviceCopy.of(rows, shard.device(), shard.manager(), true);
            if (Torch.backwardIfDifferentiable(shard.output(), onShard, keepGraph)) {
                shard.copies().addGradients(manager);
            }
        }
    }
}
