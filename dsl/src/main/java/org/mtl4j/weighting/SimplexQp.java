package org.mtl4j.weighting;

/**
 * Minimises {@code ½ wᵀQw + pᵀw} over the simplex {@code w ≥ 0, Σ w = 1} (Q positive
 * semi-definite, a few tasks' Gram matrix) by a primal active-set method, until the Frank-Wolfe
 * duality gap {@code wᵀr − min_i r_i} (r the gradient), which bounds the distance to the optimal
 * value, is at most {@link #TOLERANCE} of the objective's scale at a face's exact minimiser (so
 * the answer is the exact minimiser of the right face, to rounding). The iterate is feasible at
 * every step: if the iteration cap (20 + 10n) is hit or the face system is singular, the face
 * minimiser with the smallest gap so far is returned with its gap and {@code converged() ==
 * false}.
 */
final class SimplexQp {

    /** The duality gap accepted, relative to the largest of Q's diagonal and |p|. */
    static final double TOLERANCE = 1e-14;

    private SimplexQp() {}

    /**
     * A solution with its certificate.
     *
     * @param w the weights on the simplex
     * @param gap the duality gap of w, in the problem's own units
     * @param converged whether the gap met the tolerance within the iteration cap
     */
    record Solution(double[] w, double gap, boolean converged) {}

    /** Solves from the best vertex. */
    static Solution solve(double[][] q, double[] p) {
        return solve(q, p, null);
    }

    /** Solves from {@code start} (a point of the simplex) or, if null, from the best vertex. */
    static Solution solve(double[][] q, double[] p, double[] start) {
        int n = p.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.max(Math.abs(q[i][i]), Math.abs(p[i])));
        }
        if (!(scale > 0)) {
            return new Solution(GramMath.filled(n, 1.0 / n), 0, true);
        }
        double[] w = start != null ? start.clone() : vertex(q, p);
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            active[i] = w[i] > 0;
        }
        int cap = 20 + 10 * n;
        double[] best = w;
        double bestGap = gap(q, p, w);
        for (int iteration = 0; iteration < cap; iteration++) {
            double[] target = faceMinimum(q, p, active, scale);
            if (target == null) {
                break;
            }
            double step = 1;
            int blocking = -1;
            for (int i = 0; i < n; i++) {
                if (active[i] && target[i] < 0) {
                    double ratio = w[i] / (w[i] - target[i]);
                    if (ratio < step) {
                        step = ratio;
                        blocking = i;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                w[i] = active[i] ? Math.max(0, w[i] + step * (target[i] - w[i])) : 0;
            }
            if (blocking >= 0) {
                w[blocking] = 0;
                active[blocking] = false;
                renormalise(w);
                continue;
            }
            double gap = gap(q, p, w);
            if (gap < bestGap) {
                best = w.clone();
                bestGap = gap;
            }
            if (gap <= TOLERANCE * scale) {
                return new Solution(w, gap, true);
            }
            int entering = argMin(GramMath.plus(GramMath.times(q, w), p));
            if (active[entering]) {
                break;
            }
            active[entering] = true;
        }
        return new Solution(best, bestGap, bestGap <= TOLERANCE * scale);
    }

    /** {@code wᵀr − min_i r_i} with {@code r = Qw + p}: an upper bound on the excess objective. */
    static double gap(double[][] q, double[] p, double[] w) {
        double[] r = GramMath.plus(GramMath.times(q, w), p);
        return Math.max(0, GramMath.dot(w, r) - r[argMin(r)]);
    }

    /** The minimiser on the affine hull of the active face (KKT system), or null if singular. */
    private static double[] faceMinimum(double[][] q, double[] p, boolean[] active, double scale) {
        int n = p.length;
        int[] index = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                index[m++] = i;
            }
        }
        double[][] kkt = new double[m + 1][m + 1];
        double[] right = new double[m + 1];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                kkt[a][b] = q[index[a]][index[b]] / scale;
            }
            kkt[a][m] = 1;
            kkt[m][a] = 1;
            right[a] = -p[index[a]] / scale;
        }
        right[m] = 1;
        double[] solution = GramMath.solve(kkt, right);
        if (solution == null) {
            for (int a = 0; a < m; a++) {
                kkt[a][a] += 1e-12;
            }
            solution = GramMath.solve(kkt, right);
        }
        if (solution == null) {
            return null;
        }
        double[] result = new double[n];
        for (int a = 0; a < m; a++) {
            result[index[a]] = solution[a];
        }
        return result;
    }

    private static double[] vertex(double[][] q, double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (q[i][i] / 2 + p[i] < q[best][best] / 2 + p[best]) {
                best = i;
            }
        }
        double[] w = new double[p.length];
        w[best] = 1;
        return w;
    }

    private static void renormalise(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
    }

    static int argMin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }
}
