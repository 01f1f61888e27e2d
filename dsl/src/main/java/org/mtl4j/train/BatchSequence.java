package org.mtl4j.train;

import ai.djl.ndarray.NDManager;

/**
 * An epoch's training batches, read in order: the uploaded split's ({@link EpochBatches}) or a
 * streamed source's ({@link StreamedBatches}). Closing it ends a pass that reads a source.
 */
interface BatchSequence extends AutoCloseable {

    /** Number of batches. */
    int size();

    /** Batch {@code b} (read in order), its tensors owned by {@code manager}. */
    Batch batch(int b, NDManager manager);

    @Override
    default void close() {}
}
