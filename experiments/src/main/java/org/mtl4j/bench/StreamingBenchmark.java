package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.Sources;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/**
 * Issue 19's benchmark: one epoch from a Parquet file several times larger than the JVM heap,
 * with the process's peak resident memory beside a bound set by the chunk and shuffle-buffer
 * sizes, and the epoch time of the streamed and the in-memory path on a subset that fits.
 *
 * <ul>
 *   <li>{@code write FILE ROWS COLUMNS}: writes a Parquet file with DuckDB SQL: {@code x0 ..
 *       x(COLUMNS-1)} uniform in [-1, 1) from a hash of the row and column (no randomness: the
 *       same file every time), {@code y} a fixed linear mix of them plus noise, {@code click}
 *       "yes"/"no" by the sign of {@code y} plus other noise;
 *   <li>{@code stream FILE [CHUNK] [BUFFER] [BATCH]}: fits a two-task model (y: mse, click:
 *       binary cross-entropy; 50-64-… network) one epoch from the file and prints rows, seconds
 *       (statistics pass and epoch), peak RSS and the bound;
 *   <li>{@code compare FILE ROWS [BATCH]}: writes the first ROWS rows to a second Parquet file,
 *       then fits one epoch in memory (the rows read into a table first) and one streamed, in
 *       turns, twice, and prints their epoch times.
 * </ul>
 *
 * <p>Example: {@code experiments/bench/streaming.sh} (all three, with {@code -Xmx512m}).
 */
public final class StreamingBenchmark {

    private static final int HIDDEN = 64;

    private StreamingBenchmark() {}

    /** Arguments: see the class description. */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "write" -> write(Path.of(args[1]), Long.parseLong(args[2]),
                    Integer.parseInt(args[3]));
            case "stream" -> stream(Path.of(args[1]), intArg(args, 2, RowSource.DEFAULT_CHUNK_ROWS),
                    intArg(args, 3, RowSource.DEFAULT_SHUFFLE_BUFFER), intArg(args, 4, 1024));
            case "compare" -> compare(Path.of(args[1]), Integer.parseInt(args[2]),
                    intArg(args, 3, 1024));
            default -> throw new IllegalArgumentException("Unknown mode '" + mode + "'. Expected"
                    + " write FILE ROWS COLUMNS, stream FILE [CHUNK] [BUFFER] [BATCH] or compare"
                    + " FILE ROWS [BATCH].");
        }
    }

    private static void write(Path file, long rows, int columns) throws SQLException {
        Random random = new Random(19);
        StringBuilder select = new StringBuilder();
        StringBuilder mix = new StringBuilder("0");
        for (int c = 0; c < columns; c++) {
            String x = "(CAST(hash(range, " + c + ") % 2000000 AS DOUBLE) / 1000000.0 - 1.0)";
            select.append(x).append(" AS x").append(c).append(", ");
            mix.append(String.format(Locale.ROOT, " + %.6f * %s", random.nextGaussian(), x));
        }
        String noise = "(CAST(hash(range, -1) % 2000000 AS DOUBLE) / 1000000.0 - 1.0)";
        String other = "(CAST(hash(range, -2) % 2000000 AS DOUBLE) / 1000000.0 - 1.0)";
        String sql = "COPY (SELECT " + select + "(" + mix + ") + 0.5 * " + noise + " AS y, CASE"
                + " WHEN (" + mix + ") + 2 * " + other + " > 0 THEN 'yes' ELSE 'no' END AS click"
                + " FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet)";
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '1GB'");
            statement.execute(sql);
        }
        System.out.println(String.format(Locale.ROOT, "wrote %s: %,d rows x %d columns + y,"
                + " click; %.0f MiB on disk in %.0f s", file.getFileName(), rows, columns,
                fileMiB(file), (System.nanoTime() - start) / 1e9));
    }

    private static MultiTaskModel model(List<String> inputs) {
        return multiTask().input(numeric(inputs.toArray(String[]::new)))
                .trunk(dense(HIDDEN), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae())
                .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(accuracy())
                .build();
    }

    private static List<String> inputs(RowSource source) {
        List<String> inputs = new ArrayList<>(source.columnNames());
        inputs.removeAll(List.of("y", "click"));
        return inputs;
    }

    private static void stream(Path file, int chunk, int buffer, int batch) throws Exception {
        RowSource source = Sources.parquet(file).chunkRows(chunk).shuffleBuffer(buffer);
        List<String> inputs = inputs(source);
        warmUp(inputs.size());
        TrainingRun[] run = new TrainingRun[1];
        long start = System.nanoTime();
        PeakRss.Result rss;
        try (MultiTaskModel model = model(inputs)) {
            rss = PeakRss.during(() -> run[0] = model.fit(source, epochs(1),
                    batchSize(batch), adam(1e-3), seed(7), threads(1), quiet()));
        }
        double total = (System.nanoTime() - start) / 1e9;
        double epoch = run[0].history().lastEpoch().seconds();
        long rows = (long) run[0].history().steps().size() * batch;
        double heap = Runtime.getRuntime().maxMemory() / 1048576.0;
        // the bound: the JVM and libraries as loaded before the fit, the heap's maximum (Java
        // objects: the buffer's and a chunk's columns live there), DuckDB's memory_limit, and
        // the native memory of a step (one batch's tensors, the scratch buffer): 64 MiB
        double duckdb = 256;
        double bound = rss.beforeMiB() + heap + duckdb + 64;
        System.out.println(String.format(Locale.ROOT, "stream %s (%.0f MiB on disk): %d inputs,"
                + " chunkRows %d, shuffleBuffer %d, batch %d; ~%,d rows; statistics pass + epoch"
                + " %.0f s (epoch %.0f s, %.0f rows/s); RSS before %.0f MiB, peak %.0f MiB;"
                + " bound = before + heap max %.0f + DuckDB memory_limit %.0f + 64 = %.0f MiB:"
                + " %s; y loss %.6f, click loss %.6f",
                file.getFileName(), fileMiB(file), inputs.size(), chunk, buffer, batch, rows,
                total, epoch, rows / epoch, rss.beforeMiB(), rss.peakMiB(), heap, duckdb, bound,
                rss.peakMiB() <= bound ? "within" : "EXCEEDED",
                run[0].history().lastEpoch().tasks().get(0).trainLoss(),
                run[0].history().lastEpoch().tasks().get(1).trainLoss()));
    }

    private static void compare(Path file, int rows, int batch) throws Exception {
        Path subset = file.resolveSibling("subset-" + rows + ".parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_parquet('" + file + "') LIMIT " + rows
                    + ") TO '" + subset + "' (FORMAT parquet)");
        }
        RowSource source = Sources.parquet(subset);
        List<String> inputs = inputs(source);
        warmUp(inputs.size());
        long read = System.nanoTime();
        Table table = source.toTable();
        double readSeconds = (System.nanoTime() - read) / 1e9;
        List<Double> inMemory = new ArrayList<>();
        List<Double> streamed = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            try (MultiTaskModel model = model(inputs)) {
                inMemory.add(model.fit(table, epochs(1), batchSize(batch), seed(7),
                        threads(1), quiet()).history().lastEpoch().seconds());
            }
            try (MultiTaskModel model = model(inputs)) {
                streamed.add(model.fit(source, epochs(1), batchSize(batch), seed(7),
                        threads(1), quiet()).history().lastEpoch().seconds());
            }
        }
        System.out.println(String.format(Locale.ROOT, "compare on %,d rows (%.0f MiB Parquet),"
                + " batch %d: epoch in memory %.1f s, %.1f s; streamed %.1f s, %.1f s"
                + " (streamed/in memory %.2f, best of 2); reading the table first took %.1f s",
                rows, fileMiB(subset), batch, inMemory.get(0), inMemory.get(1), streamed.get(0),
                streamed.get(1), min(streamed) / min(inMemory), readSeconds));
        Files.deleteIfExists(subset);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Loads libtorch and DuckDB and runs a tiny fit, so that start-up is not measured. */
    private static void warmUp(int inputs) throws Exception {
        Path small = Files.createTempFile("mtl4j-warm", ".parquet");
        Files.delete(small);
        write(small, 2000, inputs);
        RowSource source = Sources.parquet(small);
        try (MultiTaskModel model = model(inputs(source))) {
            model.fit(source, epochs(1), batchSize(256), seed(7), threads(1), quiet());
        }
        Files.deleteIfExists(small);
    }

    private static double fileMiB(Path file) {
        try {
            return Files.size(file) / 1048576.0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
