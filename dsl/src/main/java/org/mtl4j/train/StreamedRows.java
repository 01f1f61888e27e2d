package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.mtl4j.data.LabelValues;
import org.mtl4j.model.ModelParts;
import org.mtl4j.source.ChunkCursor;
import org.mtl4j.source.RowSource;
import tech.tablesaw.api.Table;

/**
 * A fit's training rows read from a source every epoch ({@link StreamedBatches}), only the
 * columns the model reads; nothing of the source is kept between epochs. Without a validation
 * source, an epoch's running metrics come from each batch's labels as it is read ({@link
 * StreamedRunningMetrics}). With {@code rehearsal(...)}, every epoch also reads the drawn old
 * rows ({@link StreamedRehearsal}).
 */
final class StreamedRows implements TrainingRows {

    private final ModelParts parts;
    private final RowSource source;
    private final int rows;
    private final List<String> columns;
    /** The old rows mixed into every epoch, or null without {@code rehearsal(...)}. */
    private final StreamedRehearsal rehearsal;

    /**
     * @throws IllegalArgumentException for a source of more than {@code Integer.MAX_VALUE} rows
     */
    StreamedRows(ModelParts parts, RowSource source, long rows) {
        this(parts, source, rows, null, 0);
    }

    /**
     * With the old rows of {@code rehearsal} (may be null) mixed into every epoch, drawn with
     * {@code seed} (see {@link StreamedRehearsal}).
     *
     * @throws IllegalArgumentException as {@link StreamedRehearsal#of}
     */
    StreamedRows(ModelParts parts, RowSource source, long rows, Rehearsal rehearsal,
            long seed) {
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Source '" + source.name() + "' has " + rows
                    + " rows; an epoch can read at most " + Integer.MAX_VALUE + ". Received: "
                    + source.query() + ". Split it into several sources (e.g. by day) and fit"
                    + " them one after the other.");
        }
        this.parts = parts;
        this.source = source;
        this.columns = readColumns(parts, source);
        if (rehearsal == null) {
            this.rehearsal = null;
            this.rows = (int) rows;
        } else {
            Table schema;
            try (ChunkCursor cursor = source.open(columns)) {
                schema = cursor.schema();
            }
            this.rehearsal = StreamedRehearsal.of(rehearsal, parts, schema, source.name(), rows,
                    seed);
            this.rows = (int) (rows + this.rehearsal.rows());
        }
    }

    /**
     * The source's columns that the model reads (inputs and labels), spelt as the source spells
     * them; an epoch reads only those.
     */
    private static List<String> readColumns(ModelParts parts, RowSource source) {
        java.util.Set<String> wanted = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        parts.spec().inputs().forEach(input -> wanted.addAll(input.columns()));
        parts.spec().tasks().forEach(task -> wanted.add(task.labelColumn()));
        return source.columnNames().stream().filter(wanted::contains).toList();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public EpochPass epoch(NDManager manager, Random shuffle, int batchSize) {
        return new EpochPass(new StreamedBatches(parts, source, columns, rows, shuffle,
                Math.min(batchSize, Math.max(1, rows)), rehearsal), null);
    }

    @Override
    public List<LabelValues> hostLabels() {
        return null;
    }
}
