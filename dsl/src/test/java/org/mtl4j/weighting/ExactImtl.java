package org.mtl4j.weighting;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * IMTL-G's weights for a Gram matrix in 60-digit decimal arithmetic: the equal-projection
 * conditions {@code (Gα)_i / |g_i| = t} with {@code Σ α = 1} give {@code α = G⁻¹|g| / Σ G⁻¹|g|}.
 */
final class ExactImtl {

    private static final MathContext CONTEXT = new MathContext(60);

    private ExactImtl() {}

    /** The weights, or null when G is singular at 60 digits. */
    static double[] weights(double[][] gram) {
        int n = gram.length;
        BigDecimal[][] m = new BigDecimal[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = new BigDecimal(gram[i][j]);
            }
            m[i][n] = new BigDecimal(gram[i][i]).sqrt(CONTEXT);
        }
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (m[i][k].abs().compareTo(m[pivot][k].abs()) > 0) {
                    pivot = i;
                }
            }
            if (m[pivot][k].signum() == 0) {
                return null;
            }
            BigDecimal[] swap = m[k];
            m[k] = m[pivot];
            m[pivot] = swap;
            for (int i = 0; i < n; i++) {
                if (i != k) {
                    BigDecimal factor = m[i][k].divide(m[k][k], CONTEXT);
                    for (int j = k; j <= n; j++) {
                        m[i][j] = m[i][j].subtract(factor.multiply(m[k][j], CONTEXT), CONTEXT);
                    }
                }
            }
        }
        BigDecimal[] x = new BigDecimal[n];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n].divide(m[i][i], CONTEXT);
            sum = sum.add(x[i], CONTEXT);
        }
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            alphas[i] = x[i].divide(sum, CONTEXT).doubleValue();
        }
        return alphas;
    }
}
