package org.mtl4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The benchmark's synthetic data, identical for every runner: {@code features} standard-normal
 * inputs {@code x0..}, per regression task {@code value<k>} a noisy linear function of them, and a
 * 3-class label {@code kind} (classes {@code a, b, c}) from the sign pattern of two projections.
 *
 * <p>Example: {@code BenchData data = BenchData.generate(4096, 32, 1, 7); data.table();}
 *
 * @param rows number of rows
 * @param features number of input columns
 * @param x row-major features (rows × features)
 * @param values per regression task, the targets
 * @param kinds the class index (0..2) of every row
 */
record BenchData(int rows, int features, float[] x, float[][] values, long[] kinds) {

    static final String[] CLASSES = {"a", "b", "c"};

    /** Data with {@code regressionTasks} regression targets and one 3-class label. */
    static BenchData generate(int rows, int features, int regressionTasks, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[][] values = new float[regressionTasks][rows];
        for (int t = 0; t < regressionTasks; t++) {
            double[] w = gaussians(random, features);
            for (int r = 0; r < rows; r++) {
                values[t][r] = (float) (dot(x, r, w) / Math.sqrt(features)
                        + 0.1 * random.nextGaussian());
            }
        }
        double[] u = gaussians(random, features);
        double[] v = gaussians(random, features);
        long[] kinds = new long[rows];
        for (int r = 0; r < rows; r++) {
            kinds[r] = dot(x, r, u) > 0 ? 0 : dot(x, r, v) > 0 ? 1 : 2;
        }
        return new BenchData(rows, features, x, values, kinds);
    }

    /** Column names of the inputs. */
    String[] featureNames() {
        String[] names = new String[features];
        for (int f = 0; f < features; f++) {
            names[f] = "x" + f;
        }
        return names;
    }

    /** The data as a Tablesaw table, for {@code fit()}. */
    Table table() {
        Table table = Table.create("bench");
        for (int f = 0; f < features; f++) {
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) {
                column[r] = x[r * features + f];
            }
            table.addColumns(DoubleColumn.create("x" + f, column));
        }
        for (int t = 0; t < values.length; t++) {
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) {
                column[r] = values[t][r];
            }
            table.addColumns(DoubleColumn.create("value" + t, column));
        }
        String[] kind = new String[rows];
        for (int r = 0; r < rows; r++) {
            kind[r] = CLASSES[(int) kinds[r]];
        }
        table.addColumns(StringColumn.create("kind", kind));
        return table;
    }

    /**
     * Writes {@code x.f32}, {@code value0.f32} and {@code kind.i64} (little endian) into {@code
     * directory} for the PyTorch side.
     */
    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        ByteBuffer xs = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        xs.asFloatBuffer().put(x);
        Files.write(directory.resolve("x.f32"), xs.array());
        ByteBuffer ys = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        ys.asFloatBuffer().put(values[0]);
        Files.write(directory.resolve("value0.f32"), ys.array());
        ByteBuffer ks = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
        ks.asLongBuffer().put(kinds);
        Files.write(directory.resolve("kind.i64"), ks.array());
    }

    private static double[] gaussians(Random random, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    private static double dot(float[] x, int row, double[] w) {
        double sum = 0;
        for (int f = 0; f < w.length; f++) {
            sum += x[row * w.length + f] * w[f];
        }
        return sum;
    }
}
