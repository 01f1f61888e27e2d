package org.mtl4j.weighting;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations, to
 * rounding: {@code m = V diag(values) Vᵀ}, the columns of V orthonormal.
 *
 * <p>Example: {@code SymmetricEigen eigen = SymmetricEigen.of(gram); eigen.values()[0]}
 *
 * @param values the eigenvalues, in no particular order
 * @param vectors {@code vectors[k][i]}: component k of the eigenvector of {@code values[i]}
 */
record SymmetricEigen(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 100;

    /** The decomposition of the symmetric {@code m}. */
    static SymmetricEigen of(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 0; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** Zeroes {@code a[p][q]} by a rotation, accumulated into v. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        if (a[p][q] == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta)
                / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** The largest off-diagonal magnitude, set to 0 once negligible against the diagonal. */
    private static double offDiagonal(double[][] a) {
        double off = 0;
        double diagonal = 0;
        for (int i = 0; i < a.length; i++) {
            diagonal = Math.max(diagonal, Math.abs(a[i][i]));
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    off = Math.max(off, Math.abs(a[i][j]));
                }
            }
        }
        return off <= 1e-17 * diagonal ? 0 : off;
    }
}
