package org.mtl4j.datasets;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Two regression tasks with a chosen correlation, the synthetic data of Ma et al. 2018 ("Modeling
 * Task Relationships in Multi-task Learning with Multi-gate Mixture-of-Experts", KDD), section 3.
 *
 * <pre>
 *   u1, u2    random orthogonal unit vectors in R^d
 *   w1 = c·u1,  w2 = c·(ρ·u1 + √(1−ρ²)·u2)
 *   x  ~ N(0, I_d)
 *   y_k = w_kᵀx + Σ_{i=1..m} sin(α_i·w_kᵀx + β_i) + ε,   α_i, β_i ~ N(0, 1) shared by both
 *   tasks, ε ~ N(0, noise²)
 * </pre>
 *
 * The Pearson correlation of the linear parts is ρ; the sine terms make it a non-linear problem
 * whose label correlation falls with ρ. Parameters (u, α, β) come from {@code seed}; rows from the
 * seed given to {@link #table}, so training and test sets share the tasks.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TaskCorrelationData data = TaskCorrelationData.create(0.5, 1);   // d=100, c=0.3, m=5
 * Table train = data.table(10_000, 2);   // x1..x100, y1, y2
 * Table test = data.table(2_000, 3);
 * }</pre>
 */
public final class TaskCorrelationData {

    private final int dimension;
    private final double[] w1;
    private final double[] w2;
    private final double[] alpha;
    private final double[] beta;
    private final double noise;

    private TaskCorrelationData(int dimension, double[] w1, double[] w2, double[] alpha,
            double[] beta, double noise) {
        this.dimension = dimension;
        this.w1 = w1;
        this.w2 = w2;
        this.alpha = alpha;
        this.beta = beta;
        this.noise = noise;
    }

    /** The paper's setting: d = 100, c = 0.3, m = 5, noise std 0.1. */
    public static TaskCorrelationData create(double rho, long seed) {
        return create(rho, 100, 0.3, 5, 0.1, seed);
    }

    /**
     * Any setting.
     *
     * @param rho task correlation in [-1, 1]
     * @param dimension d, at least 2
     * @param scale c
     * @param sines m, the number of sine terms
     * @param noise standard deviation of ε
     * @param seed seed of u1, u2, α, β
     */
    public static TaskCorrelationData create(
            double rho, int dimension, double scale, int sines, double noise, long seed) {
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [-1, 1]. Received: rho=" + rho
                    + ". Use e.g. 0.5.");
        }
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension must be at least 2. Received: "
                    + dimension + ". Use e.g. 100.");
        }
        Random random = new Random(seed);
        double[] u1 = unit(gaussian(random, dimension));
        double[] u2 = gaussian(random, dimension);
        double projection = dot(u1, u2);
        for (int i = 0; i < dimension; i++) {
            u2[i] -= projection * u1[i];
        }
        u2 = unit(u2);
        double[] w1 = new double[dimension];
        double[] w2 = new double[dimension];
        double rest = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < dimension; i++) {
            w1[i] = scale * u1[i];
            w2[i] = scale * (rho * u1[i] + rest * u2[i]);
        }
        return new TaskCorrelationData(dimension, w1, w2, gaussian(random, sines),
                gaussian(random, sines), noise);
    }

    /** {@code rows} samples: columns x1..xd, y1, y2. */
    public Table table(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[dimension][rows];
        double[] y1 = new double[rows];
        double[] y2 = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] sample = gaussian(random, dimension);
            for (int i = 0; i < dimension; i++) {
                x[i][r] = sample[i];
            }
            y1[r] = target(w1, sample) + noise * random.nextGaussian();
            y2[r] = target(w2, sample) + noise * random.nextGaussian();
        }
        Table table = Table.create("task correlation");
        for (int i = 0; i < dimension; i++) {
            table.addColumns(DoubleColumn.create("x" + (i + 1), x[i]));
        }
        return table.addColumns(DoubleColumn.create("y1", y1), DoubleColumn.create("y2", y2));
    }

    private double target(double[] w, double[] x) {
        double linear = dot(w, x);
        double value = linear;
        for (int i = 0; i < alpha.length; i++) {
            value += Math.sin(alpha[i] * linear + beta[i]);
        }
        return value;
    }

    private static double[] gaussian(Random random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] unit = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = v[i] / norm;
        }
        return unit;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
