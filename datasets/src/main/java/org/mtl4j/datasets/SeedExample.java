package org.mtl4j.datasets;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The seed tutorial's example data, made learnable: ten features and {@code T} regression targets
 * that share structure, so that a shared trunk helps every task.
 *
 * <p>Formula (all draws from one {@link java.util.Random} seeded with {@code seed}):
 *
 * <pre>
 *   x        ~ N(0, I_10)                                  features x1..x10
 *   z_j(x)   = tanh(a_jᵀ x),  a_j ~ N(0, I_10 / 10), j = 1..4  shared latent factors
 *   y_t      = Σ_j W_tj · z_j(x) + 0.3 · b_tᵀ x / √10 + ε     targets task1..taskT
 *   W_tj ~ N(0, 1),  b_t ~ N(0, I_10),  ε ~ N(0, 0.1²)
 * </pre>
 *
 * The four latent factors are common to all tasks (what the trunk can learn once); {@code b_t} is
 * each task's own linear part (what its head adds). The parameters are drawn before the rows, so
 * the same seed gives the same tasks for any number of rows.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Table data = SeedExample.table(2000, 5, 42);   // x1..x10, task1..task5
 * }</pre>
 */
public final class SeedExample {

    /** Number of features, as in the seed example's {@code nn.Linear(10, 20)}. */
    public static final int FEATURES = 10;

    /** Number of shared latent factors. */
    public static final int LATENT = 4;

    /** Standard deviation of the target noise. */
    public static final double NOISE = 0.1;

    private SeedExample() {}

    /**
     * Generates the data set.
     *
     * @param rows number of rows, at least 1
     * @param tasks number of regression targets, at least 1 (the seed example has 5)
     * @param seed random seed; the same seed gives the same table
     * @return a table named "seed example" with columns x1..x10 then task1..taskT
     */
    public static Table table(int rows, int tasks, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException(
                    "rows must be at least 1. Received: rows=" + rows + ". Use e.g. 2000.");
        }
        if (tasks < 1) {
            throw new IllegalArgumentException(
                    "tasks must be at least 1. Received: tasks=" + tasks + ". Use e.g. 5.");
        }
        Random random = new Random(seed);
        double[][] a = gaussian(random, LATENT, FEATURES, 1 / Math.sqrt(FEATURES));
        double[][] w = gaussian(random, tasks, LATENT, 1);
        double[][] b = gaussian(random, tasks, FEATURES, 1);
        double[][] x = gaussian(random, rows, FEATURES, 1);
        double[][] y = new double[tasks][rows];
        for (int i = 0; i < rows; i++) {
            double[] latent = new double[LATENT];
            for (int j = 0; j < LATENT; j++) {
                latent[j] = Math.tanh(dot(a[j], x[i]));
            }
            for (int t = 0; t < tasks; t++) {
                double own = 0.3 * dot(b[t], x[i]) / Math.sqrt(FEATURES);
                y[t][i] = dot(w[t], latent) + own + NOISE * random.nextGaussian();
            }
        }
        Table table = Table.create("seed example");
        for (int f = 0; f < FEATURES; f++) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = x[i][f];
            }
            table.addColumns(DoubleColumn.create("x" + (f + 1), values));
        }
        for (int t = 0; t < tasks; t++) {
            table.addColumns(DoubleColumn.create("task" + (t + 1), y[t]));
        }
        return table;
    }

    private static double[][] gaussian(Random random, int rows, int cols, double scale) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                row[c] = scale * random.nextGaussian();
            }
        }
        return values;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
