package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.mtl4j.data.LabelValues;
import org.mtl4j.model.ModelParts;
import org.mtl4j.source.RowSource;

/**
 * A fit's training rows read from a source every epoch ({@link StreamedBatches}); nothing of the
 * source is kept between epochs, so there are no running metrics (a validation source gives
 * metrics).
 */
final class StreamedRows implements TrainingRows {

    private final ModelParts parts;
    private final RowSource source;
    private final int rows;

    /**
     * @throws IllegalArgumentException for a source of more than {@code Integer.MAX_VALUE} rows
     */
    StreamedRows(ModelParts parts, RowSource source, long rows) {
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Source '" + source.name() + "' has " + rows
                    + " rows; an epoch can read at most " + Integer.MAX_VALUE + ". Received: "
                    + source.query() + ". Split it into several sources (e.g. by day) and fit"
                    + " them one after the other.");
        }
        this.parts = parts;
        this.source = source;
        this.rows = (int) rows;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public EpochPass epoch(NDManager manager, Random shuffle, int batchSize) {
        return new EpochPass(new StreamedBatches(parts, source, rows, shuffle,
                Math.min(batchSize, Math.max(1, rows))), null);
    }

    @Override
    public List<LabelValues> hostLabels() {
        return null;
    }
}
