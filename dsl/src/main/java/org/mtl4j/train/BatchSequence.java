package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mtl4j.data.LabelValues;

/**
 * An epoch's training batches, read in order: the uploaded split's ({@link EpochBatches}) or a
 * streamed source's ({@link StreamedBatches}). Closing it ends a pass that reads a source.
 */
interface BatchSequence extends AutoCloseable {

    /** Number of batches. */
    int size();

    /** Batch {@code b} (read in order), its tensors owned by {@code manager}. */
    Batch batch(int b, NDManager manager);

    /**
     * Per task, the labels of the batch read last on the host (for a streamed epoch's running
     * metrics); null when the rows' labels are on the host already ({@link
     * TrainingRows#hostLabels()}).
     */
    default List<LabelValues> lastLabels() {
        return null;
    }

    @Override
    default void close() {}
}
