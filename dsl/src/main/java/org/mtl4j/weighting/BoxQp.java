package org.mtl4j.weighting;

/**
 * Solves {@code min ½ wᵀ G w} subject to {@code w ≥ lower} for a small positive definite G: the
 * dual of projecting a combination of gradients onto the cone where no task loses (UPGrad).
 * Projected coordinate descent until no coordinate moves by more than 1e-15 (relative), then the
 * exact solution on the free coordinates it found, kept when it passes the optimality check.
 *
 * <p>Example: {@code BoxQp.minimise(gram, new double[] {0.5, 0})}
 */
final class BoxQp {

    private static final int MAX_SWEEPS = 100_000;
    private static final double TOLERANCE = 1e-15;

    private BoxQp() {}

    /** The minimiser; G must be symmetric with a positive diagonal. */
    static double[] minimise(double[][] g, double[] lower) {
        int n = lower.length;
        double[] w = lower.clone();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double moved = 0;
            double size = 0;
            for (int k = 0; k < n; k++) {
                double gradient = GramMath.dot(g[k], w);
                double next = Math.max(lower[k], w[k] - gradient / g[k][k]);
                moved = Math.max(moved, Math.abs(next - w[k]));
                w[k] = next;
                size = Math.max(size, Math.abs(next));
            }
            if (moved <= TOLERANCE * Math.max(size, 1e-300)) {
                break;
            }
        }
        double[] polished = onFreeSet(g, lower, w);
        return polished != null && optimal(g, lower, polished) ? polished : w;
    }

    /** Solves {@code G_FF w_F = −G_FA lower_A} where F are the coordinates above their bound. */
    private static double[] onFreeSet(double[][] g, double[] lower, double[] w) {
        int n = lower.length;
        int[] free = java.util.stream.IntStream.range(0, n)
                .filter(k -> w[k] > lower[k]).toArray();
        double[] result = lower.clone();
        if (free.length == 0) {
            return result;
        }
        double[][] a = new double[free.length][free.length];
        double[] b = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            for (int j = 0; j < free.length; j++) {
                a[i][j] = g[free[i]][free[j]];
            }
            for (int k = 0; k < n; k++) {
                if (!(w[k] > lower[k])) {
                    b[i] -= g[free[i]][k] * lower[k];
                }
            }
        }
        double[] x = GramMath.solve(a, b);
        if (x == null) {
            return null;
        }
        for (int i = 0; i < free.length; i++) {
            result[free[i]] = x[i];
        }
        return result;
    }

    /** Feasible, and the gradient is ≥ 0 on bound coordinates (KKT, to rounding). */
    static boolean optimal(double[][] g, double[] lower, double[] w) {
        double scale = 0;
        for (int k = 0; k < w.length; k++) {
            scale = Math.max(scale, g[k][k] * Math.max(Math.abs(w[k]), Math.abs(lower[k])));
        }
        double slack = 1e-12 * Math.max(scale, 1e-300);
        for (int k = 0; k < w.length; k++) {
            if (w[k] < lower[k] || GramMath.dot(g[k], w) < -slack) {
                return false;
            }
        }
        return true;
    }
}
