package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import java.util.Locale;
import java.util.Random;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Peak resident memory of one {@code fit()} (see {@link PeakRss}) beside the float32 feature
 * matrix and the model, for issue 14's two cases: {@code numeric} (default 1,000,000 rows × 50
 * standard-normal columns, a 50-64-1 network, one epoch, batch 512, a 10 % validation split) and
 * {@code text} (default 5,000 rows of 20 words from 12,000, {@code vocabulary(10000)}). Run each
 * case in its own JVM ({@code experiments/bench/memory.sh} does): the peak is the process's. A tiny fit
 * first loads libtorch and warms the JVM, so that start-up does not count.
 *
 * <p>Example: {@code java ... org.mtl4j.bench.MemoryBenchmark numeric 1000000 50}
 */
public final class MemoryBenchmark {

    private static final int HIDDEN = 64;

    private MemoryBenchmark() {}

    /** Arguments: {@code numeric [rows] [columns]} or {@code text [rows] [vocabulary]}. */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "numeric";
        if (mode.equals("numeric")) {
            numericCase(intArg(args, 1, 1_000_000), intArg(args, 2, 50));
        } else if (mode.equals("text")) {
            textCase(intArg(args, 1, 5_000), intArg(args, 2, 10_000));
        } else {
            throw new IllegalArgumentException("Unknown case '" + mode
                    + "'. Expected numeric or text.");
        }
    }

    private static void numericCase(int rows, int columns) throws InterruptedException {
        Table table = numericTable(rows, columns);
        String[] names = table.columnNames().stream().filter(n -> n.startsWith("x"))
                .toArray(String[]::new);
        MultiTaskModel model = multiTask().input(numeric(names)).trunk(dense(HIDDEN), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae()).build();
        report("numeric " + rows + " x " + columns, table, model, (long) rows * columns,
                parameters(columns));
    }

    private static void textCase(int rows, int vocabulary) throws InterruptedException {
        Table table = textTable(rows, vocabulary + vocabulary / 5);
        MultiTaskModel model = multiTask().input(text("review").vocabulary(vocabulary))
                .trunk(dense(HIDDEN), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae()).build();
        report("text " + rows + " rows, vocabulary " + vocabulary, table, model,
                (long) rows * vocabulary, parameters(vocabulary));
    }

    private static void report(String name, Table table, MultiTaskModel model, long cells,
            long parameters) throws InterruptedException {
        warmUp();
        MemoryPhases phases = new MemoryPhases();
        PeakRss.Result result = PeakRss.during(() -> model.fit(table, epochs(1), batchSize(512),
                validationSplit(0.1), adam(1e-3), seed(7), threads(1), quiet(),
                listener(phases.start())));
        double matrix = cells * 4 / 1048576.0;
        double modelMiB = parameters * 4 * 3 / 1048576.0; // weights + Adam's two moments
        double reference = matrix + modelMiB;
        System.out.println(String.format(Locale.ROOT,
                "%s: RSS before fit %.0f MiB, peak %.0f MiB, added %.0f MiB; dense float32 matrix"
                        + " %.0f MiB + model %.1f MiB = %.0f MiB; added/that = %.2f×;"
                        + " %.1f KiB/row",
                name, result.beforeMiB(), result.peakMiB(), result.addedMiB(), matrix, modelMiB,
                reference, result.addedMiB() / reference,
                result.addedMiB() * 1024 / table.rowCount()));
        System.out.println("  " + phases.describe());
    }

    /** Loads libtorch and runs a tiny fit: the measured peak is then the data's, not start-up's. */
    private static void warmUp() {
        Table small = numericTable(1000, 2);
        multiTask().input(numeric("x0", "x1")).trunk(dense(HIDDEN), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae()).build()
                .fit(small, epochs(1), batchSize(512), validationSplit(0.1), seed(7), threads(1),
                        quiet());
    }

    private static long parameters(int inputs) {
        return (long) (inputs + 1) * HIDDEN + HIDDEN + 1;
    }

    private static Table numericTable(int rows, int columns) {
        Random random = new Random(17);
        Table table = Table.create("numeric");
        double[] target = new double[rows];
        for (int c = 0; c < columns; c++) {
            double[] values = new double[rows];
            double weight = random.nextGaussian();
            for (int r = 0; r < rows; r++) {
                values[r] = random.nextGaussian();
                target[r] += weight * values[r];
            }
            table.addColumns(DoubleColumn.create("x" + c, values));
        }
        return table.addColumns(DoubleColumn.create("y", target));
    }

    private static Table textTable(int rows, int words) {
        Random random = new Random(17);
        StringColumn review = StringColumn.create("review");
        double[] target = new double[rows];
        for (int r = 0; r < rows; r++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 20; w++) {
                int word = (int) Math.min(words - 1, Math.abs(random.nextGaussian()) * words / 3);
                text.append('w').append(word).append(' ');
                target[r] += word % 7 == 0 ? 1 : 0;
            }
            review.append(text.toString());
        }
        return Table.create("text", review, DoubleColumn.create("y", target));
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
