/**
 * Data larger than memory: a {@link org.mtl4j.source.RowSource} (a CSV or Parquet file, or a SQL
 * query, read through DuckDB's embedded engine or any JDBC driver) that {@code fit}, {@code
 * evaluate} and {@code predict} read a chunk of rows at a time.
 *
 * <p>Example:
 *
 * <pre>{@code
 * RowSource clicks = Sources.parquet("clicks.parquet").chunkRows(16_384).shuffleBuffer(262_144);
 * model.fit(clicks, epochs(1), batchSize(1024));
 * model.predict(clicks, Path.of("predictions.parquet"), "user_id");
 * }</pre>
 */
package org.mtl4j.source;
