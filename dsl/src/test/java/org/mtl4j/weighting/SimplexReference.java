package org.mtl4j.weighting;

import java.util.function.ToDoubleFunction;

/**
 * Reference minimisers over the simplex, independent of the solvers under test: a fine grid
 * refined locally by pairwise moves with shrinking steps, and, for MGDA and CAGrad, the
 * stationary point of every face in closed form (the optimum is the best feasible one).
 */
final class SimplexReference {

    private SimplexReference() {}

    /** The better of a refined grid search and the given candidate. */
    static double[] best(int n, ToDoubleFunction<double[]> f, double[] candidate) {
        double[] searched = refined(n, f);
        return candidate != null && f.applyAsDouble(candidate) <= f.applyAsDouble(searched)
                ? candidate : searched;
    }

    /** Grid of step 1/k, then pairwise moves of shrinking size down to 1e-14. */
    static double[] refined(int n, ToDoubleFunction<double[]> f) {
        int k = n == 2 ? 400 : n == 3 ? 60 : n == 4 ? 20 : 10;
        double[] best = grid(n, k, new int[n], 0, k, f, null);
        double value = f.applyAsDouble(best);
        for (double h = 1.0 / k; h > 1e-14; h /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double amount = Math.min(h, best[j]);
                        if (i == j || amount <= 0) {
                            continue;
                        }
                        double[] next = best.clone();
                        next[i] += amount;
                        next[j] -= amount;
                        double v = f.applyAsDouble(next);
                        if (v < value) {
                            best = next;
                            value = v;
                            moved = true;
                        }
                    }
                }
            }
        }
        return best;
    }

    private static double[] grid(int n, int k, int[] counts, int index, int left,
            ToDoubleFunction<double[]> f, double[] best) {
        if (index == n - 1) {
            counts[index] = left;
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = counts[i] / (double) k;
            }
            return best == null || f.applyAsDouble(w) < f.applyAsDouble(best) ? w : best;
        }
        for (int c = 0; c <= left; c++) {
            counts[index] = c;
            best = grid(n, k, counts, index + 1, left - c, f, best);
        }
        return best;
    }

    /** The minimum-norm point: the best feasible affine minimiser over all faces. */
    static double[] mgdaByFaces(double[][] g) {
        int n = g.length;
        double[] best = null;
        for (int mask = 1; mask < 1 << n; mask++) {
            int[] s = members(mask, n);
            int m = s.length;
            double[][] a = new double[m + 1][m + 1];
            double[] b = new double[m + 1];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] = g[s[i]][s[j]];
                }
                a[i][m] = 1;
                a[m][i] = 1;
            }
            b[m] = 1;
            double[] x = eliminate(a, b);
            double[] w = x == null ? null : spread(s, x, n);
            if (w != null && feasible(w) && (best == null
                    || GramMath.quadratic(g, w) < GramMath.quadratic(g, best))) {
                best = w;
            }
        }
        return best;
    }

    /** CAGrad's dual minimiser: every face's closed-form stationary points and the vertices. */
    static double[] cagradByFaces(double[][] g, double radius) {
        int n = g.length;
        double[] h = GramMath.times(g, GramMath.filled(n, 1.0 / n));
        double[] best = null;
        for (int mask = 1; mask < 1 << n; mask++) {
            int[] s = members(mask, n);
            for (double[] w : faceStationary(g, h, radius, s)) {
                if (feasible(w) && (best == null
                        || cagradDual(g, radius, w) < cagradDual(g, radius, best))) {
                    best = w;
                }
            }
        }
        return best;
    }

    /** {@code F(w) = g_w·g₀ + a|g_w|}. */
    static double cagradDual(double[][] g, double radius, double[] w) {
        double[] h = GramMath.times(g, GramMath.filled(g.length, 1.0 / g.length));
        return GramMath.dot(h, w) + radius * Math.sqrt(Math.max(0, GramMath.quadratic(g, w)));
    }

    /** F(w) evaluated with 50 significant digits (the candidates differ below double's). */
    static double cagradDualExact(double[][] g, double radius, double[] w) {
        java.math.MathContext context = new java.math.MathContext(50);
        java.math.BigDecimal quadratic = java.math.BigDecimal.ZERO;
        java.math.BigDecimal linear = java.math.BigDecimal.ZERO;
        java.math.BigDecimal tasks = new java.math.BigDecimal(g.length);
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                java.math.BigDecimal term = new java.math.BigDecimal(g[i][j])
                        .multiply(new java.math.BigDecimal(w[i]), context);
                quadratic = quadratic.add(term.multiply(new java.math.BigDecimal(w[j]), context),
                        context);
                linear = linear.add(term.divide(tasks, context), context);
            }
        }
        java.math.BigDecimal norm = quadratic.signum() > 0 ? quadratic.sqrt(context)
                : java.math.BigDecimal.ZERO;
        return linear.add(new java.math.BigDecimal(radius).multiply(norm, context), context)
                .doubleValue();
    }

    private static java.util.List<double[]> faceStationary(double[][] g, double[] h,
            double radius, int[] s) {
        int m = s.length;
        int n = g.length;
        if (m == 1) {
            return java.util.List.of(spread(s, new double[] {1}, n));
        }
        double[][] a = new double[m][m];
        double[] hs = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = g[s[i]][s[j]];
            }
            hs[i] = h[s[i]];
        }
        double[] p = eliminate(a, GramMath.filled(m, 1));
        double[] q = eliminate(a, hs);
        if (p == null || q == null) {
            return java.util.List.of();
        }
        double sp = sum(p);
        double sq = sum(q);
        double c = GramMath.dot(hs, q) - radius * radius;
        double disc = sq * sq - sp * c;
        java.util.List<double[]> result = new java.util.ArrayList<>();
        for (double sign : new double[] {-1, 1}) {
            if (disc < 0 || sp == 0) {
                break;
            }
            double nu = (sq + sign * Math.sqrt(disc)) / sp;
            double norm = radius / (nu * sp - sq);
            if (norm > 0) {
                double[] w = new double[m];
                for (int i = 0; i < m; i++) {
                    w[i] = norm / radius * (nu * p[i] - q[i]);
                }
                result.add(spread(s, w, n));
            }
        }
        return result;
    }

    private static int[] members(int mask, int n) {
        return java.util.stream.IntStream.range(0, n).filter(i -> (mask >> i & 1) == 1)
                .toArray();
    }

    private static double[] spread(int[] s, double[] x, int n) {
        double[] w = new double[n];
        for (int i = 0; i < s.length; i++) {
            w[s[i]] = x[i];
        }
        return w;
    }

    private static boolean feasible(double[] w) {
        for (double v : w) {
            if (!(v >= -1e-12)) {
                return false;
            }
        }
        return Math.abs(sum(w) - 1) < 1e-9;
    }

    private static double sum(double[] v) {
        double total = 0;
        for (double x : v) {
            total += x;
        }
        return total;
    }

    /** Gauss-Jordan elimination with complete pivoting; null when singular to 1e-14. */
    static double[] eliminate(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        int[] column = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
            column[i] = i;
        }
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int k = 0; k < n; k++) {
            int pr = k;
            int pc = k;
            for (int i = k; i < n; i++) {
                for (int j = k; j < n; j++) {
                    if (Math.abs(m[i][j]) > Math.abs(m[pr][pc])) {
                        pr = i;
                        pc = j;
                    }
                }
            }
            if (Math.abs(m[pr][pc]) <= 1e-14 * scale) {
                return null;
            }
            double[] row = m[k];
            m[k] = m[pr];
            m[pr] = row;
            for (double[] r : m) {
                double t = r[k];
                r[k] = r[pc];
                r[pc] = t;
            }
            int c = column[k];
            column[k] = column[pc];
            column[pc] = c;
            for (int i = 0; i < n; i++) {
                if (i != k) {
                    double factor = m[i][k] / m[k][k];
                    for (int j = k; j <= n; j++) {
                        m[i][j] -= factor * m[k][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[column[i]] = m[i][n] / m[i][i];
        }
        return x;
    }
}
