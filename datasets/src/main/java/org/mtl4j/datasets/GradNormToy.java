package org.mtl4j.datasets;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The toy regression of Chen et al. 2018 ("GradNorm: Gradient Normalization for Adaptive Loss
 * Balancing in Deep Multitask Networks", ICML), section 4: tasks of very different scales that
 * share one function.
 *
 * <pre>
 *   f_i(x) = σ_i · tanh((B + ε_i) · x),   x ∈ R^250 ~ U(−1, 1), then scaled to unit norm
 *   B: 100×250, entries ~ N(0, 10²)  (shared);  ε_i: 100×250, entries ~ N(0, 3.5²)  (task i)
 * </pre>
 *
 * Each task has 100 outputs; σ_i sets its scale (the paper uses σ = (1, 100) for T = 2).
 * Matrices come from {@code seed}, rows from the seed given to {@link #table}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * GradNormToy toy = GradNormToy.create(new double[] {1, 100}, 0);
 * Table train = toy.table(10_000, 1);   // x1..x250, t1_y1..t1_y100, t2_y1..t2_y100
 * }</pre>
 */
public final class GradNormToy {

    /** Input dimension. */
    public static final int INPUTS = 250;

    /** Outputs per task. */
    public static final int OUTPUTS = 100;

    private final double[] sigmas;
    private final double[][][] matrices;

    private GradNormToy(double[] sigmas, double[][][] matrices) {
        this.sigmas = sigmas;
        this.matrices = matrices;
    }

    /** Tasks with scales {@code sigmas} (one per task), matrices from {@code seed}. */
    public static GradNormToy create(double[] sigmas, long seed) {
        if (sigmas.length < 1) {
            throw new IllegalArgumentException(
                    "GradNormToy needs at least one task scale. Received: sigmas=[]. Use e.g."
                            + " new double[] {1, 100}.");
        }
        Random random = new Random(seed);
        double[][] shared = gaussian(random, 10);
        double[][][] matrices = new double[sigmas.length][][];
        for (int t = 0; t < sigmas.length; t++) {
            double[][] own = gaussian(random, 3.5);
            for (int o = 0; o < OUTPUTS; o++) {
                for (int i = 0; i < INPUTS; i++) {
                    own[o][i] += shared[o][i];
                }
            }
            matrices[t] = own;
        }
        return new GradNormToy(sigmas.clone(), matrices);
    }

    /** {@code rows} samples: x1..x250, then t{i}_y1..t{i}_y100 per task. */
    public Table table(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[INPUTS][rows];
        double[][][] y = new double[sigmas.length][OUTPUTS][rows];
        for (int r = 0; r < rows; r++) {
            double[] sample = new double[INPUTS];
            double norm = 0;
            for (int i = 0; i < INPUTS; i++) {
                sample[i] = 2 * random.nextDouble() - 1;
                norm += sample[i] * sample[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < INPUTS; i++) {
                sample[i] /= norm;
                x[i][r] = sample[i];
            }
            for (int t = 0; t < sigmas.length; t++) {
                for (int o = 0; o < OUTPUTS; o++) {
                    double z = 0;
                    for (int i = 0; i < INPUTS; i++) {
                        z += matrices[t][o][i] * sample[i];
                    }
                    y[t][o][r] = sigmas[t] * Math.tanh(z);
                }
            }
        }
        Table table = Table.create("gradnorm toy");
        for (int i = 0; i < INPUTS; i++) {
            table.addColumns(DoubleColumn.create("x" + (i + 1), x[i]));
        }
        for (int t = 0; t < sigmas.length; t++) {
            for (int o = 0; o < OUTPUTS; o++) {
                table.addColumns(DoubleColumn.create("t" + (t + 1) + "_y" + (o + 1), y[t][o]));
            }
        }
        return table;
    }

    private static double[][] gaussian(Random random, double std) {
        double[][] values = new double[OUTPUTS][INPUTS];
        for (double[] row : values) {
            for (int i = 0; i < INPUTS; i++) {
                row[i] = std * random.nextGaussian();
            }
        }
        return values;
    }
}
