package org.mtl4j.weighting;

/**
 * The exact solution of CAGrad's dual {@code min_w F(w) = g_w·g₀ + a|g_w|} over the simplex
 * ({@code g_w = Σ w_i g_i}, {@code a = c|g₀|}), on the Gram matrix in double precision.
 *
 * <p>Two tasks: F is a function of one weight t whose stationary point solves a quadratic, so
 * the minimiser is that point clamped to [0, 1]. More tasks: the minimiser of F also minimises
 * the quadratic {@code ½ wᵀGw + μ g₀·g_w} for {@code μ = |g_w|/a}, whose solution's norm ratio
 * {@code |g_w(μ)|/μ} falls as μ grows; μ is bisected (in log scale, to a relative width of
 * 1e-14, or until the ratio is a to 1e-13), each quadratic solved by {@link SimplexQp} to its
 * duality gap at the exact minimiser of a face; at that μ, w satisfies F's optimality
 * conditions. At most 200 bisections; if the bracket has not closed, the last quadratic's
 * solution is used.
 *
 * <p>In {@code λ = a/|g_w|}, {@code |g_w|} is floored at {@code 1e-6 Σ w_i|g_i|} (and 1e-12 of the
 * largest gradient norm): the device forms {@code Σ α_i g_i} in the model's float type, where a
 * combination that cancels more than that would be rounding noise scaled by λ. The floor only
 * acts at (numerically) Pareto-stationary points, where it shortens the step {@code λ g_w} below
 * the ball's radius instead of amplifying noise.
 */
final class CagradSolver {

    private static final double NORM_FLOOR = 1e-12;
    private static final double CANCELLATION = 1e-6;
    private static final int BISECTIONS = 200;

    private CagradSolver() {}

    /** The α_i of CAGrad's update for radius c. */
    static double[] weights(double[][] rawGram, double c) {
        int n = rawGram.length;
        double scale = GramMath.maxDiagonal(rawGram);
        if (!(scale > 0) || c == 0) {
            return GramMath.filled(n, 1.0 / n / (1 + c * c));
        }
        double[][] gram = GramMath.scaled(rawGram, scale);
        double[] h = GramMath.times(gram, GramMath.filled(n, 1.0 / n));
        double radius = c * Math.sqrt(Math.max(0, GramMath.dot(h, GramMath.filled(n, 1.0 / n))));
        double[] w = dual(gram, radius);
        double spread = 0;
        for (int i = 0; i < n; i++) {
            spread += w[i] * Math.sqrt(Math.max(0, gram[i][i]));
        }
        double norm = Math.max(Math.max(NORM_FLOOR, CANCELLATION * spread),
                Math.sqrt(Math.max(0, GramMath.quadratic(gram, w))));
        double lambda = radius / norm;
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            alphas[i] = (1.0 / n + lambda * w[i]) / (1 + c * c);
        }
        return alphas;
    }

    /** The minimiser w of F for a Gram matrix whose largest diagonal entry is 1. */
    static double[] dual(double[][] gram, double radius) {
        int n = gram.length;
        if (n == 1) {
            return new double[] {1};
        }
        double[] h = GramMath.times(gram, GramMath.filled(n, 1.0 / n));
        if (radius == 0) {
            double[] vertex = new double[n];
            vertex[SimplexQp.argMin(h)] = 1;
            return vertex;
        }
        return n == 2 ? twoTasks(gram, h, radius) : bisected(gram, h, radius);
    }

    /** Closed form: w = (t, 1 − t). */
    private static double[] twoTasks(double[][] g, double[] h, double radius) {
        double curvature = g[0][0] + g[1][1] - 2 * g[0][1];
        double slope = h[0] - h[1];
        double t;
        if (curvature <= 1e-15) {
            t = slope > 0 ? 0 : slope < 0 ? 1 : 0.5;
        } else {
            double b = g[0][1] - g[1][1];
            double distance = Math.max(0, (g[0][0] * g[1][1] - g[0][1] * g[0][1]) / curvature);
            double room = radius * radius - slope * slope / curvature;
            if (room <= 0) {
                t = slope > 0 ? 0 : 1;
            } else {
                double y = -Math.signum(slope) * Math.abs(slope) * Math.sqrt(distance / room);
                t = Math.max(0, Math.min(1, (y - b) / curvature));
            }
        }
        return new double[] {t, 1 - t};
    }

    /** Bisection on μ of the quadratic programs' family. */
    private static double[] bisected(double[][] gram, double[] h, double radius) {
        int n = h.length;
        double[] w = SimplexQp.solve(gram, new double[n]).w();
        double smallest = Math.sqrt(Math.max(0, GramMath.quadratic(gram, w)));
        double low = Math.max(smallest, NORM_FLOOR) / (2 * radius);
        double high = 2 / radius;
        double[] best = w;
        for (int i = 0; i < BISECTIONS && high > low * (1 + 1e-14); i++) {
            double mu = Math.sqrt(low * high);
            double[] p = new double[n];
            for (int k = 0; k < n; k++) {
                p[k] = mu * h[k];
            }
            w = SimplexQp.solve(gram, p, w).w();
            best = w;
            double ratio = Math.sqrt(Math.max(0, GramMath.quadratic(gram, w))) / mu;
            if (Math.abs(ratio - radius) <= 1e-13 * radius) {
                break;
            }
            if (ratio > radius) {
                low = mu;
            } else {
                high = mu;
            }
        }
        return best;
    }
}
