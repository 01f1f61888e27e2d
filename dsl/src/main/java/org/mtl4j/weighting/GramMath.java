package org.mtl4j.weighting;

/** Small dense linear algebra on the host, for rules over a few tasks' Gram matrix. */
final class GramMath {

    private GramMath() {}

    /** The indexes 0 … n−1 but i, shuffled: the order in which task i meets the others. */
    static java.util.List<Integer> shuffledOthers(int i, int n, java.util.Random random) {
        java.util.List<Integer> others = new java.util.ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            if (j != i) {
                others.add(j);
            }
        }
        java.util.Collections.shuffle(others, random);
        return others;
    }

    /** The sum of the rows of m: the weights of the sum of combinations given as rows. */
    static double[] rowSum(double[][] m) {
        double[] sum = new double[m.length == 0 ? 0 : m[0].length];
        for (double[] row : m) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += row[k];
            }
        }
        return sum;
    }

    /** {@code m · v}. */
    static double[] times(double[][] m, double[] v) {
        double[] result = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) {
                result[i] += m[i][j] * v[j];
            }
        }
        return result;
    }

    /** {@code a + b}. */
    static double[] plus(double[] a, double[] b) {
        double[] result = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = a[i] + b[i];
        }
        return result;
    }

    /** {@code m / divisor}, element by element. */
    static double[][] scaled(double[][] m, double divisor) {
        double[][] result = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            result[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                result[i][j] = m[i][j] / divisor;
            }
        }
        return result;
    }

    /** The largest diagonal entry, 0 for an empty or all-zero diagonal. */
    static double maxDiagonal(double[][] m) {
        double max = 0;
        for (int i = 0; i < m.length; i++) {
            max = Math.max(max, m[i][i]);
        }
        return max;
    }

    /** {@code a · b}. */
    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code vᵀ m v}: the squared norm of {@code Σ v_i g_i} when m is the Gram matrix. */
    static double quadratic(double[][] m, double[] v) {
        return dot(v, times(m, v));
    }

    /** n copies of {@code value}. */
    static double[] filled(int n, double value) {
        double[] result = new double[n];
        java.util.Arrays.fill(result, value);
        return result;
    }

    /**
     * Solves {@code a x = b} by Gaussian elimination with partial pivoting.
     *
     * @return x, or null when a is singular
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                return null;
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = m[row][col] / m[col][col];
                    for (int k = col; k <= n; k++) {
                        m[row][k] -= factor * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
