package org.mtl4j.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.mtl4j.annotation.Internal;
import tech.tablesaw.api.Table;

/**
 * Rows that {@code fit}, {@code evaluate} and {@code predict} read a chunk at a time instead of
 * holding them in a table: a CSV or Parquet file or a SQL query, made by {@link Sources}. Every
 * pass runs the query again on a new connection, reading its result in order; nothing of the
 * source stays in memory between passes. Immutable: {@link #chunkRows(int)} and {@link
 * #shuffleBuffer(int)} return a new source.
 *
 * <p>Example:
 *
 * <pre>{@code
 * RowSource clicks = Sources.parquet("clicks.parquet").chunkRows(16_384).shuffleBuffer(262_144);
 * model.fit(clicks, epochs(2), batchSize(1024));
 * Table scores = model.evaluate(Sources.parquet("clicks-test.parquet"));
 * }</pre>
 *
 * <p>Defaults: {@code chunkRows(16_384)} (rows read per JDBC fetch and per Tablesaw chunk) and
 * {@code shuffleBuffer(65_536)}. <b>Shuffling is not a full shuffle</b>: training fills a buffer of
 * {@code shuffleBuffer} rows (plus at most one chunk) from chunks read in the source's order,
 * shuffles the buffer's rows with the epoch's random order, trains on its batches, carries the
 * rows short of a whole batch over to the next buffer, and refills. A row therefore only meets
 * rows near it in the source: sort or shuffle a file whose order means something (by date, by
 * label) before training, or give a buffer as large as the source ({@code shuffleBuffer} at least
 * its row count gives exactly the in-memory fit's order). {@code shuffleBuffer(0)} trains in the
 * source's order. Memory: the buffer's rows as Tablesaw columns (8 bytes a number, a Java string
 * a text cell) and encoded (4 bytes a feature; bag-of-words text sparse), a chunk and one batch's
 * tensors, whatever the source's size.
 */
public final class RowSource {

    /** Rows read at a time by default. */
    public static final int DEFAULT_CHUNK_ROWS = 16_384;
    /** Rows shuffled together by default. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 65_536;

    private final String name;
    private final String query;
    private final Connections connections;
    private final boolean duckDb;
    private final int chunkRows;
    private final int shuffleBuffer;

    RowSource(String name, String query, Connections connections, boolean duckDb,
            int chunkRows, int shuffleBuffer) {
        this.name = name;
        this.query = query;
        this.connections = connections;
        this.duckDb = duckDb;
        this.chunkRows = chunkRows;
        this.shuffleBuffer = shuffleBuffer;
    }

    /**
     * This source read {@code rows} rows at a time (default {@value #DEFAULT_CHUNK_ROWS}).
     *
     * @throws IllegalArgumentException for fewer than 1
     */
    public RowSource chunkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("chunkRows(...) needs at least 1 row. Received: "
                    + "chunkRows(" + rows + "). Use e.g. chunkRows(16_384).");
        }
        return new RowSource(name, query, connections, duckDb, rows, shuffleBuffer);
    }

    /**
     * This source shuffled within a buffer of {@code rows} rows when training (default {@value
     * #DEFAULT_SHUFFLE_BUFFER}; 0 trains in the source's order). Not a full shuffle: see the class
     * description.
     *
     * @throws IllegalArgumentException for a negative size
     */
    public RowSource shuffleBuffer(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("shuffleBuffer(...) needs 0 (no shuffle) or more"
                    + " rows. Received: shuffleBuffer(" + rows + "). Use e.g."
                    + " shuffleBuffer(65_536).");
        }
        return new RowSource(name, query, connections, duckDb, chunkRows, rows);
    }

    /** The source's name in messages and tables (a file name, or "query"). */
    public String name() {
        return name;
    }

    /** The SQL query whose rows this source gives. */
    public String query() {
        return query;
    }

    /** Rows read at a time. */
    public int chunkRows() {
        return chunkRows;
    }

    /** Rows shuffled together when training (0: the source's order). */
    public int shuffleBuffer() {
        return shuffleBuffer;
    }

    /** The column names, in order (runs the query; reads no row). */
    public List<String> columnNames() {
        try (ChunkCursor cursor = open()) {
            return cursor.schema().columnNames();
        }
    }

    /** The number of rows ({@code SELECT COUNT(*)} over the query). */
    public long rowCount() {
        String sql = SqlNames.over("COUNT(*)", query);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** The first {@code rows} rows as a table, e.g. to look at the columns' types. */
    public Table head(int rows) {
        try (ChunkCursor cursor = open()) {
            Table head = cursor.next(Math.max(1, rows));
            return head == null ? cursor.schema() : head;
        }
    }

    /** All rows as one table in memory: only for a source that fits (e.g. a validation set). */
    public Table toTable() {
        try (ChunkCursor cursor = open()) {
            return cursor.readAll();
        }
    }

    /** A pass over the rows, a chunk at a time. */
    @Internal
    public ChunkCursor open() {
        return ChunkCursor.open(this, query);
    }

    /** A pass over the rows of {@code sql} (a query over this source, for statistics). */
    @Internal
    public ChunkCursor open(String sql) {
        return ChunkCursor.open(this, sql);
    }

    /**
     * A pass over only the named columns of the rows (the query wrapped in a {@code SELECT} of
     * them, which DuckDB pushes down to the file: unread columns cost nothing), in the source's
     * order.
     *
     * @param columns names as the source spells them (see {@link #columnNames()})
     */
    @Internal
    public ChunkCursor open(List<String> columns) {
        String select = String.join(", ", columns.stream().map(SqlNames::identifier).toList());
        return ChunkCursor.open(this, SqlNames.over(select, query));
    }

    /** A new connection (the caller closes it). */
    @Internal
    public Connection connect() throws SQLException {
        return connections.open();
    }

    /** Whether the connection is DuckDB's embedded engine. */
    boolean isDuckDb() {
        return duckDb;
    }

    /** The exception for a failed {@code sql} on this source. */
    @Internal
    public IllegalArgumentException failed(String sql, SQLException e) {
        return new IllegalArgumentException("The query of source '" + name + "' failed: "
                + e.getMessage().strip() + " Received: " + sql + ". Check the SQL and the"
                + " columns it names (source.columnNames() lists them).", e);
    }

    @Override
    public String toString() {
        return "RowSource[" + name + ": " + query + ", chunkRows=" + chunkRows
                + ", shuffleBuffer=" + shuffleBuffer + "]";
    }
}
