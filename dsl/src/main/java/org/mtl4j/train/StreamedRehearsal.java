package org.mtl4j.train;

import java.util.Random;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.model.ModelParts;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@link Rehearsal} for a fit on a source: the old rows join the stream instead of a table. For a
 * source of n rows the fit draws the same m = round(n·f/(1−f)) old rows as a fit on a table
 * ({@link Rehearsal#draw}, seeded by the fit's seed: whole passes over the old rows, then a
 * sample without replacement), and every shuffle buffer, once filled with the source's rows, gets
 * the drawn rows due by then: after k source rows, ⌊k·m/n⌋ old rows in all. So each buffer holds a
 * fraction f of old rows (to a row), the epoch all m.
 *
 * <p>Which old rows a buffer gets changes every epoch: an epoch hands the drawn rows out in its
 * own random order ({@link #epochOrder}: each whole pass over the old rows permuted, then the
 * sample permuted, with the epoch's random generator), so a buffer rehearses a random subset of
 * the old rows, not a slice of the old table (a table sorted by class gives every buffer all its
 * classes). A buffer that holds the whole source gets all m rows in the table's order (the
 * source's rows, then the drawn ones) and shuffles them with the source's: the fit then trains
 * as {@code fit(table, rehearsal(...))} does.
 *
 * <p>The old rows are kept as the source's columns have them (an integer column of the table
 * becomes a double or a long one where the source's is; other differences are refused), and the
 * drawn rows are encoded once before the fit, so that a class the model never saw or a missing
 * number is refused before any step. Memory: that copy of the old rows' read columns, the
 * sample's indices (at most one per old row) and, during an epoch, its order (at most two
 * indices per old row); each buffer holds its share of old rows besides {@code shuffleBuffer}
 * source rows.
 *
 * <p>Example: {@code StreamedRehearsal.of(rehearsal, parts, schema, source.name(), rows, seed)}
 */
final class StreamedRehearsal {

    private final Table old;
    private final long sourceRows;
    private final long drawn;
    private final long passes;
    private final int[] sample;

    private StreamedRehearsal(Table old, long sourceRows, long drawn, long passes,
            int[] sample) {
        this.old = old;
        this.sourceRows = sourceRows;
        this.drawn = drawn;
        this.passes = passes;
        this.sample = sample;
    }

    /**
     * The old rows to mix into a source of {@code sourceRows} rows whose read columns are those
     * of {@code schema}.
     *
     * @throws IllegalArgumentException when the old rows lack an input column or every label,
     *     have a column of another type than the source's, a class the model never saw or a
     *     value it cannot encode, or when the source and its old rows exceed an epoch's rows
     */
    static StreamedRehearsal of(Rehearsal rehearsal, ModelParts parts, Table schema,
            String sourceName, long sourceRows, long seed) {
        rehearsal.checkColumns(parts.spec());
        long drawn = Math.round(sourceRows * rehearsal.fraction() / (1 - rehearsal.fraction()));
        if (sourceRows + drawn > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Source '" + sourceName + "' has " + sourceRows
                    + " rows and " + rehearsal + " adds " + drawn + " old rows; an epoch can"
                    + " read at most " + Integer.MAX_VALUE + ". Received: " + rehearsal + "."
                    + " Split the source into several (e.g. by day) and fit them one after the"
                    + " other.");
        }
        Table old = conformed(rehearsal, schema, sourceName);
        int oldRows = old.rowCount();
        long passes = drawn / oldRows;
        int[] sample = Rehearsal.draw((int) (drawn % oldRows), oldRows, seed);
        StreamedRehearsal mixed = new StreamedRehearsal(old, sourceRows, drawn, passes, sample);
        mixed.encodeOnce(parts, passes > 0 ? Split.allRows(oldRows) : sample);
        return mixed;
    }

    /** The old rows an epoch adds (m). */
    long rows() {
        return drawn;
    }

    /** How many old rows are due once {@code sourceRowsRead} rows of the source are read. */
    long dueAfter(long sourceRowsRead) {
        return sourceRowsRead >= sourceRows ? drawn : sourceRowsRead * drawn / sourceRows;
    }

    /**
     * The drawn old rows {@code from} (inclusive) to {@code to} in the table's order (whole
     * passes, then the sample), with the source's columns.
     */
    Table rows(long from, long to) {
        int[] rows = new int[(int) (to - from)];
        long whole = passes * old.rowCount();
        for (int i = 0; i < rows.length; i++) {
            long k = from + i;
            rows[i] = k < whole ? (int) (k % old.rowCount()) : sample[(int) (k - whole)];
        }
        return Rehearsal.rowsInOrder(old, rows);
    }

    /** The old rows {@code rows} (indices of the old table), with the source's columns. */
    Table rows(int[] rows) {
        return Rehearsal.rowsInOrder(old, rows);
    }

    /**
     * An epoch's order of the drawn rows, drawn from {@code random} as the epoch reads them: each
     * whole pass over the old rows in a random order of its own, then the sample in a random
     * order.
     */
    EpochOrder epochOrder(Random random) {
        return new EpochOrder(random);
    }

    /**
     * The drawn old rows in one epoch's random order; read front to back ({@link #next}), each
     * pass's permutation drawn when the epoch reaches it.
     */
    final class EpochOrder {

        private final Random random;
        private long read;
        private long pass = -1;
        private int[] passOrder;
        private int[] sampleOrder;

        private EpochOrder(Random random) {
            this.random = random;
        }

        /** The old-table indices of the next {@code count} drawn rows of the epoch. */
        int[] next(int count) {
            int oldRows = old.rowCount();
            long whole = passes * oldRows;
            int[] rows = new int[count];
            for (int i = 0; i < count; i++, read++) {
                if (read < whole) {
                    if (read / oldRows != pass) {
                        pass = read / oldRows;
                        passOrder = Split.permutation(oldRows, random);
                    }
                    rows[i] = passOrder[(int) (read % oldRows)];
                } else {
                    if (sampleOrder == null) {
                        int[] shuffled = Split.permutation(sample.length, random);
                        sampleOrder = new int[sample.length];
                        for (int j = 0; j < sample.length; j++) {
                            sampleOrder[j] = sample[shuffled[j]];
                        }
                        passOrder = null;
                    }
                    rows[i] = sampleOrder[(int) (read - whole)];
                }
            }
            return rows;
        }
    }

    /** Encodes the rows that will be drawn, for the encoders' and labels' errors. */
    private void encodeOnce(ModelParts parts, int[] rows) {
        if (parts.encoder().hasText()) {
            parts.encoder().encodeSparse(old, rows);
        } else {
            parts.encoder().encode(old, rows);
        }
        for (TaskLabels task : parts.labels()) {
            task.encode(old, rows);
        }
    }

    /**
     * The old rows' copy with {@code schema}'s columns, names and types; a label column the old
     * rows lack is missing in all of them.
     */
    private static Table conformed(Rehearsal rehearsal, Table schema, String sourceName) {
        Table oldRows = rehearsal.oldRows();
        Table conformed = Table.create(oldRows.name());
        for (Column<?> column : schema.columns()) {
            Column<?> theirs = Rehearsal.find(oldRows, column.name());
            if (theirs == null) {
                conformed.addColumns(column.emptyCopy(oldRows.rowCount()));
            } else if (theirs.type().equals(column.type())) {
                conformed.addColumns(theirs.copy().setName(column.name()));
            } else {
                conformed.addColumns(converted(theirs, column, rehearsal, sourceName));
            }
        }
        return conformed;
    }

    /** A numeric column of the old rows as the source's numeric type, else a refusal. */
    private static Column<?> converted(Column<?> theirs, Column<?> mine, Rehearsal rehearsal,
            String sourceName) {
        ColumnType type = mine.type();
        boolean numeric = type == ColumnType.DOUBLE || type == ColumnType.INTEGER
                || type == ColumnType.LONG;
        if (!numeric || !(theirs instanceof NumericColumn<?> numbers)) {
            throw new IllegalArgumentException("Column '" + mine.name() + "' is " + type
                    + " in source '" + sourceName + "' but " + theirs.type() + " in rehearsal()'s"
                    + " table '" + rehearsal.oldRows().name() + "'. Received: " + type + " and "
                    + theirs.type() + ". Read both with the same column types (e.g. CAST("
                    + mine.name() + " AS ...) in the source's query).");
        }
        Column<?> result = type == ColumnType.DOUBLE ? DoubleColumn.create(mine.name())
                : type == ColumnType.INTEGER ? IntColumn.create(mine.name())
                : LongColumn.create(mine.name());
        for (int row = 0; row < numbers.size(); row++) {
            if (numbers.isMissing(row)) {
                result.appendMissing();
                continue;
            }
            double value = numbers.getDouble(row);
            if (result instanceof DoubleColumn doubles) {
                doubles.append(value);
            } else if (value != Math.rint(value) || (type == ColumnType.INTEGER
                    ? value < Integer.MIN_VALUE || value > Integer.MAX_VALUE
                    : Math.abs(value) > 0x1p53)) {
                throw new IllegalArgumentException("Column '" + mine.name() + "' is " + type
                        + " in source '" + sourceName + "', but rehearsal()'s table '"
                        + rehearsal.oldRows().name() + "' has " + value + " in row " + row
                        + ". Received: " + type + " and " + theirs.type() + ". Cast the"
                        + " source's column in its query (CAST(" + mine.name()
                        + " AS DOUBLE)).");
            } else if (result instanceof IntColumn ints) {
                ints.append((int) value);
            } else {
                ((LongColumn) result).append((long) value);
            }
        }
        return result;
    }
}
