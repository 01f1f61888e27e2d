package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.mtl4j.data.LabelValues;

/**
 * The training rows of a fit, read an epoch at a time: the split uploaded once ({@link
 * DeviceSplit}) or a source streamed every epoch ({@link StreamedRows}).
 */
interface TrainingRows {

    /** Number of training rows. */
    int rows();

    /**
     * The epoch's batches in the order {@code shuffle} gives, owned by {@code manager}, with that
     * order of the rows when it is known (null for a streamed source).
     */
    EpochPass epoch(NDManager manager, Random shuffle, int batchSize);

    /**
     * Every row's labels on the host, for running metrics; null when the rows are streamed (each
     * batch's labels are then read from {@link BatchSequence#lastLabels()}).
     */
    List<LabelValues> hostLabels();

    /** An epoch's batches and the row order they follow (null when streamed); closes them. */
    record EpochPass(BatchSequence batches, int[] order) implements AutoCloseable {
        @Override
        public void close() {
            batches.close();
        }
    }
}
