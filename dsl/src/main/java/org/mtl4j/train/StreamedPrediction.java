package org.mtl4j.train;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.model.ModelParts;
import org.mtl4j.source.ChunkCursor;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.SqlNames;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Predictions and evaluations over a source, a chunk at a time ({@code MultiTaskModel.predict}
 * and {@code evaluate} with a {@link RowSource} are the usual way in).
 *
 * <p>Example: {@code StreamedPrediction.predict(parts, source, Path.of("out.parquet"),
 * List.of("id"))} writes the kept columns and the prediction columns of every row, in the
 * source's order.
 */
@Internal
public final class StreamedPrediction {

    private StreamedPrediction() {}

    /**
     * Writes the predictions of every row of {@code source} to {@code output}, a chunk at a time:
     * a CSV file with a header, or (for a name ending in {@code .parquet}) a Parquet file, written
     * through a CSV file beside it that DuckDB converts, then deletes. The rows go to a temporary
     * file beside {@code output}, moved into place only when every row is written: a failure
     * leaves no file behind.
     *
     * @param keep columns of the source copied in front of the predictions (e.g. an id)
     * @return the number of rows written
     * @throws IllegalArgumentException for a kept column the source does not have
     * @throws UncheckedIOException when the file cannot be written
     */
    public static long predict(ModelParts parts, RowSource source, Path output,
            List<String> keep) {
        boolean parquet = output.getFileName().toString().toLowerCase().endsWith(".parquet");
        Path temporary = temporarySibling(output, parquet ? ".part.csv" : ".part");
        boolean done = false;
        try {
            long rows = 0;
            Table header;
            try (ChunkCursor cursor = source.open();
                    Writer writer = Files.newBufferedWriter(temporary)) {
                Writer open = new FilterWriter(writer) {
                    @Override
                    public void close() throws IOException {
                        flush();   // the next chunk writes on
                    }
                };
                // the header comes from the schema, so an empty source still gets one
                Table schema = cursor.schema();
                header = withKept(schema, Prediction.predict(parts, schema), keep);
                header.write().csv(CsvWriteOptions.builder(open).header(true).build());
                for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                    Table predicted = withKept(chunk, Prediction.predict(parts, chunk), keep);
                    predicted.write().csv(CsvWriteOptions.builder(open).header(false).build());
                    rows += chunk.rowCount();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write predictions to '" + output
                        + "'.", e);
            }
            if (parquet) {
                Path converted = temporarySibling(output, ".part.parquet");
                try {
                    toParquet(temporary, converted, header);
                    moveIntoPlace(converted, output);
                } finally {
                    deleteQuietly(converted, null);
                }
            } else {
                moveIntoPlace(temporary, output);
            }
            done = true;
            return rows;
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        } finally {
            if (done) {
                deleteQuietly(temporary, null);
            }
        }
    }

    /** A file name beside {@code output} that no other write uses. */
    private static Path temporarySibling(Path output, String suffix) {
        return output.toAbsolutePath().resolveSibling("." + output.getFileName() + "."
                + java.util.UUID.randomUUID() + suffix);
    }

    /** Moves a finished file to {@code output}, atomically where the file system can. */
    private static void moveIntoPlace(Path finished, Path output) {
        try {
            try {
                Files.move(finished, output, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(finished, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the predictions to '" + output
                    + "'. Check that the folder is writable.", e);
        }
    }

    /** Deletes a temporary file; a failure is added to {@code cause}, or thrown without one. */
    private static void deleteQuietly(Path file, Throwable cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            if (cause == null) {
                throw new UncheckedIOException("Could not delete temporary file '" + file
                        + "'.", e);
            }
            cause.addSuppressed(e);
        }
    }

    /** The kept columns of {@code chunk} before the prediction columns. */
    private static Table withKept(Table chunk, Table predictions, List<String> keep) {
        if (keep.isEmpty()) {
            return predictions;
        }
        for (String name : keep) {
            if (!chunk.containsColumn(name)) {
                throw new IllegalArgumentException("predict() cannot keep column '" + name
                        + "': the source has no such column. Received: columns="
                        + chunk.columnNames() + ". Name columns of the source, or none.");
            }
        }
        for (String name : keep) {
            if (predictions.containsColumn(name)) {
                throw new IllegalArgumentException("predict() cannot keep column '" + name
                        + "': a prediction column has that name. Received: prediction columns="
                        + predictions.columnNames() + ". Rename it in the query (SELECT "
                        + name + " AS " + name + "_kept, ...) or keep other columns.");
            }
        }
        Table kept = chunk.selectColumns(keep.toArray(String[]::new));
        return kept.addColumns(predictions.columnArray());
    }

    /** Converts the CSV file to Parquet with DuckDB, with the columns' types. */
    private static void toParquet(Path csv, Path output, Table header) {
        StringBuilder types = new StringBuilder();
        for (Column<?> column : header.columns()) {
            types.append(types.length() == 0 ? "" : ", ")
                    .append(SqlNames.literal(column.name())).append(": ")
                    .append(SqlNames.literal(sqlType(column)));
        }
        String sql = "COPY (SELECT * FROM read_csv(" + SqlNames.literal(csv.toString())
                + ", header = true, columns = {" + types + "})) TO "
                + SqlNames.literal(output.toString()) + " (FORMAT parquet)";
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write '" + output + "': "
                    + e.getMessage() + " Received: " + sql + ".", e);
        }
    }

    private static String sqlType(Column<?> column) {
        if (column instanceof tech.tablesaw.api.DoubleColumn
                || column instanceof tech.tablesaw.api.FloatColumn) {
            return "DOUBLE";
        } else if (column instanceof tech.tablesaw.api.IntColumn
                || column instanceof tech.tablesaw.api.ShortColumn) {
            return "INTEGER";
        } else if (column instanceof tech.tablesaw.api.LongColumn) {
            return "BIGINT";
        } else if (column instanceof tech.tablesaw.api.BooleanColumn) {
            return "BOOLEAN";
        }
        return "VARCHAR";
    }

    /** Every row's predictions as one table in memory. */
    public static Table predict(ModelParts parts, RowSource source) {
        Table all = null;
        try (ChunkCursor cursor = source.open()) {
            for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                Table predicted = Prediction.predict(parts, chunk);
                if (all == null) {
                    all = predicted;
                } else {
                    all.append(predicted);
                }
            }
        }
        return all == null ? Prediction.predict(parts, source.head(0)) : all.setName(
                source.name() + " predictions");
    }

    /**
     * Loss and metrics of every task on the labelled rows of {@code source}, as {@code
     * Prediction.evaluate} gives them for a table: the rows are read and run a chunk at a time;
     * what is kept is, per task and row, the head's outputs and the label (4 bytes an output, 5
     * a label), which the metrics (AUC and macro F1 among them) need all of.
     */
    public static Table evaluate(ModelParts parts, RowSource source) {
        int tasks = parts.labels().size();
        double[] lossSums = new double[tasks];
        long[] counts = new long[tasks];
        List<FloatList> outputs = new ArrayList<>();
        List<FloatList> labelValues = new ArrayList<>();
        List<BooleanList> present = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            outputs.add(new FloatList());
            labelValues.add(new FloatList());
            present.add(new BooleanList());
        }
        try (ChunkCursor cursor = source.open()) {
            for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                Prediction.Labelled run = Prediction.run(parts, chunk,
                        org.mtl4j.data.Split.allRows(chunk.rowCount()), true);
                for (int t = 0; t < tasks; t++) {
                    LabelValues labels = run.labels().get(t);
                    if (labels.labelled() > 0) {
                        lossSums[t] += run.evaluation().losses()[t] * labels.labelled();
                        counts[t] += labels.labelled();
                    }
                    outputs.get(t).add(run.evaluation().outputs().get(t));
                    labelValues.get(t).add(labels.values());
                    present.get(t).add(labels.present());
                }
            }
        }
        EvaluationTable result = new EvaluationTable();
        for (int t = 0; t < tasks; t++) {
            TaskLabels labels = parts.labels().get(t);
            result.add(labels.task().name(), labelledRows(labels.task().name(), counts[t]),
                    counts[t] == 0 ? Double.NaN : lossSums[t] / counts[t],
                    MetricValues.of(labels, outputs.get(t).toArray(),
                            new LabelValues(labelValues.get(t).toArray(),
                                    present.get(t).toArray())));
        }
        return result.build(source.name() + " evaluation");
    }

    /** The {@code rows} column's value; an int, as {@code evaluate(table)}'s. */
    static int labelledRows(String task, long count) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalStateException("Task '" + task + "' has " + count
                    + " labelled rows in the source; evaluate(...) counts up to "
                    + Integer.MAX_VALUE + " per task. Evaluate a sample or parts of the source,"
                    + " e.g. Sources.duckdb(\"SELECT * FROM 'rows.parquet' USING SAMPLE 10%\").");
        }
        return (int) count;
    }

    /** A growing float array. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float[] more) {
            if (size + more.length > values.length) {
                values = java.util.Arrays.copyOf(values,
                        Math.max(values.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** A growing boolean array. */
    private static final class BooleanList {
        private boolean[] values = new boolean[1024];
        private int size;

        void add(boolean[] more) {
            if (size + more.length > values.length) {
                values = java.util.Arrays.copyOf(values,
                        Math.max(values.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        boolean[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
