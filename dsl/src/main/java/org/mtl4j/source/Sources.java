package org.mtl4j.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Factories of {@link RowSource}s: files and queries read through DuckDB's embedded engine (in
 * the dsl's dependencies; nothing to install), or any JDBC driver on the class path.
 *
 * <p>Example:
 *
 * <pre>{@code
 * RowSource train = Sources.parquet("clicks.parquet");
 * RowSource recent = Sources.duckdb("SELECT * FROM 'clicks/*.parquet' WHERE day >= '2026-11-01'");
 * RowSource warehouse = Sources.sql("jdbc:postgresql://db/shop", "SELECT * FROM impressions");
 * }</pre>
 *
 * <p>DuckDB connections stream their results ({@code jdbc_stream_results}), keep the file's row
 * order ({@code preserve_insertion_order}, DuckDB's default) and cap DuckDB's own buffer memory
 * at {@value #DUCKDB_MEMORY_LIMIT} ({@code memory_limit}); DuckDB's threads are its default (the
 * machine's cores). Other drivers get {@code setFetchSize(chunkRows)} and autocommit off, which is
 * what PostgreSQL needs to stream; see the driver's documentation for others.
 */
public final class Sources {

    /** DuckDB's {@code memory_limit} on the connections these factories open. */
    public static final String DUCKDB_MEMORY_LIMIT = "256MB";

    private Sources() {}

    /**
     * A CSV file with a header line, read by DuckDB's {@code read_csv} (types detected from the
     * file).
     *
     * @throws IllegalArgumentException if the file does not exist
     */
    public static RowSource csv(String path) {
        return csv(Path.of(path));
    }

    /** As {@link #csv(String)}. */
    public static RowSource csv(Path path) {
        return file("CSV", "csv", "read_csv", path);
    }

    /**
     * A Parquet file (or a glob such as {@code "days/*.parquet"}), read by DuckDB's {@code
     * read_parquet}.
     *
     * @throws IllegalArgumentException if no such file exists
     */
    public static RowSource parquet(String path) {
        return parquet(Path.of(path));
    }

    /** As {@link #parquet(String)}. */
    public static RowSource parquet(Path path) {
        return file("Parquet", "parquet", "read_parquet", path);
    }

    /**
     * The rows of a DuckDB query, run on an in-memory DuckDB database (so it can read files: {@code
     * SELECT * FROM 'a.parquet'}, {@code read_csv(...)}, joins of both).
     */
    public static RowSource duckdb(String query) {
        return sql("jdbc:duckdb:", query);
    }

    /**
     * The rows of {@code query} through JDBC URL {@code jdbcUrl} (the driver must be on the class
     * path; DuckDB's is). A {@code jdbc:duckdb:} URL gets DuckDB's streaming settings.
     */
    public static RowSource sql(String jdbcUrl, String query) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("sql(jdbcUrl, query) needs a JDBC URL. Received:"
                    + " jdbcUrl=" + (jdbcUrl == null ? "null" : "'" + masked(jdbcUrl) + "'")
                    + ". Pass"
                    + " e.g. \"jdbc:postgresql://host/db\", or use Sources.duckdb(query).");
        }
        requireQuery(query, "sql(\"" + masked(jdbcUrl) + "\", query)");
        boolean duckDb = jdbcUrl.startsWith("jdbc:duckdb:");
        Properties properties = new Properties();
        if (duckDb) {
            properties.setProperty("jdbc_stream_results", "true");
            properties.setProperty("memory_limit", DUCKDB_MEMORY_LIMIT);
        }
        return new RowSource(duckDb ? "duckdb query" : "query", query,
                () -> DriverManager.getConnection(jdbcUrl, properties), duckDb,
                RowSource.DEFAULT_CHUNK_ROWS, RowSource.DEFAULT_SHUFFLE_BUFFER);
    }

    /** The rows of {@code query} on connections of {@code dataSource} (a pool, say). */
    public static RowSource sql(DataSource dataSource, String query) {
        requireQuery(query, "sql(dataSource, query)");
        return new RowSource("query", query, dataSource::getConnection, false,
                RowSource.DEFAULT_CHUNK_ROWS, RowSource.DEFAULT_SHUFFLE_BUFFER);
    }

    /**
     * {@code jdbcUrl} fit for a message: the user and password ({@code //user:secret@host} or
     * {@code thin:user/secret@host}) and the parameters (after {@code ?} or {@code ;}) become
     * {@code ***}. Example: {@code masked("jdbc:postgresql://u:pw@db/shop?password=pw")} is
     * {@code "jdbc:postgresql://***@db/shop?***"}.
     */
    static String masked(String jdbcUrl) {
        String url = jdbcUrl;
        int parameters = -1;
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            parameters = at >= 0 && (parameters < 0 || at < parameters) ? at : parameters;
        }
        if (parameters >= 0) {
            url = url.substring(0, parameters + 1) + "***";
        }
        int user = url.lastIndexOf('@');
        if (user >= 0) {
            int slashes = url.lastIndexOf("//", user);
            int start = slashes >= 0 ? slashes + 2 : url.lastIndexOf(':', user) + 1;
            url = url.substring(0, start) + "***" + url.substring(user);
        }
        return url;
    }

    private static void requireQuery(String query, String call) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException(call + " needs a query. Received: query="
                    + (query == null ? "null" : "'" + query + "'") + ". Pass e.g. \"SELECT *"
                    + " FROM clicks\".");
        }
    }

    private static RowSource file(String kind, String factory, String reader, Path path) {
        String text = path.toString();
        boolean glob = text.contains("*") || text.contains("?");
        if (!glob && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(kind + " file '" + text + "' does not exist."
                    + " Received: Sources." + factory + "(\"" + text + "\"). Check the path"
                    + " (a relative path starts from the working directory, "
                    + Path.of("").toAbsolutePath() + ").");
        }
        RowSource source = sql("jdbc:duckdb:",
                "SELECT * FROM " + reader + "(" + SqlNames.literal(text) + ")");
        return new RowSource(path.getFileName() == null ? text : path.getFileName().toString(),
                source.query(), source::connect, true, RowSource.DEFAULT_CHUNK_ROWS,
                RowSource.DEFAULT_SHUFFLE_BUFFER);
    }
}
