package org.mtl4j.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.mtl4j.annotation.Internal;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One pass over a source's query: its rows as Tablesaw tables of at most {@code chunkRows} rows,
 * read through a streaming JDBC result (the driver holds a fetch, not the result). Close it to
 * free the connection.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (ChunkCursor cursor = source.open()) {
 *     for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) { ... }
 * }
 * }</pre>
 */
@Internal
public final class ChunkCursor implements AutoCloseable {

    private final RowSource source;
    private final String query;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final ColumnReader[] readers;
    private boolean done;

    private ChunkCursor(RowSource source, String query, Connection connection,
            Statement statement, ResultSet rows) throws SQLException {
        this.source = source;
        this.query = query;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.readers = ColumnReader.of(rows.getMetaData());
    }

    /**
     * Runs {@code query} on a new connection of {@code source}.
     *
     * @throws IllegalArgumentException when the query fails (naming the source and the query)
     */
    static ChunkCursor open(RowSource source, String query) {
        Connection connection = null;
        try {
            connection = source.connect();
            if (!source.isDuckDb()) {
                connection.setAutoCommit(false);   // lets e.g. PostgreSQL stream with a cursor
            }
            Statement statement = connection.createStatement();
            statement.setFetchSize(source.chunkRows());
            return new ChunkCursor(source, query, connection, statement,
                    statement.executeQuery(query));
        } catch (SQLException e) {
            closeQuietlyAfter(connection, e);
            throw source.failed(query, e);
        }
    }

    private static void closeQuietlyAfter(Connection connection, SQLException cause) {
        if (connection == null) {
            return;
        }
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        }
    }

    /** An empty table with the result's columns (named after the source). */
    public Table schema() {
        Table table = Table.create(source.name());
        for (ColumnReader reader : readers) {
            table.addColumns(reader.newColumn());
        }
        return table;
    }

    /** The next chunk of at most {@code source.chunkRows()} rows, or null after the last row. */
    public Table next() {
        return next(source.chunkRows());
    }

    /** The next chunk of at most {@code max} rows, or null after the last row. */
    public Table next(int max) {
        if (done) {
            return null;
        }
        Table chunk = schema();
        Column<?>[] columns = chunk.columnArray();
        try {
            int read = 0;
            while (read < max && rows.next()) {
                for (int c = 0; c < readers.length; c++) {
                    readers[c].append(rows, columns[c]);
                }
                read++;
            }
            if (read < max) {
                done = true;
            }
            return read == 0 ? null : chunk;
        } catch (SQLException e) {
            throw source.failed(query, e);
        }
    }

    /** Every remaining row as one table (the rows must fit in memory). */
    public Table readAll() {
        Table all = schema();
        for (Table chunk = next(); chunk != null; chunk = next()) {
            all.append(chunk);
        }
        return all;
    }

    /**
     * Closes the result, the statement and the connection; a connection other than DuckDB's (whose
     * autocommit {@link #open} turned off) first has its read-only transaction rolled back and
     * autocommit turned back on, so that pools get it back as they lent it.
     *
     * @throws IllegalStateException when the driver cannot close them
     */
    @Override
    public void close() {
        try (connection; statement; rows) {
            rows.close();
            statement.close();
            if (!source.isDuckDb()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close the connection of source '"
                    + source.name() + "': " + e.getMessage() + " Received: " + query + ". Check the"
                    + " driver's connection settings (the rows themselves were read).",
                    e);
        }
    }
}
