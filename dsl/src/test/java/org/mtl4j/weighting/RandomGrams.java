package org.mtl4j.weighting;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random task gradients and their Gram matrices, generic and near-degenerate. */
final class RandomGrams {

    /** The shapes of gradient sets the solvers must handle. */
    enum Kind { GENERIC, NEARLY_PARALLEL, NEARLY_OPPOSITE, ONE_NEAR_ZERO }

    private RandomGrams() {}

    /** {@code count} cases of each kind for 2 to {@code maxTasks} tasks. */
    static List<double[][]> cases(long seed, int count, int maxTasks) {
        Random random = new Random(seed);
        List<double[][]> grams = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < count; i++) {
                int tasks = 2 + i % (maxTasks - 1);
                grams.add(gram(gradients(random, kind, tasks, tasks + 3)));
            }
        }
        return grams;
    }

    /** Gradients of one kind, each of {@code dimension} values. */
    static double[][] gradients(Random random, Kind kind, int tasks, int dimension) {
        double[][] g = new double[tasks][dimension];
        double[] base = normal(random, dimension, 1);
        for (int t = 0; t < tasks; t++) {
            g[t] = switch (kind) {
                case GENERIC -> normal(random, dimension, Math.exp(random.nextGaussian()));
                case NEARLY_PARALLEL -> plus(times(base, 0.5 + random.nextDouble()),
                        normal(random, dimension, 1e-4));
                case NEARLY_OPPOSITE -> t < 2 ? plus(times(base, t == 0 ? 1 : -0.5 - random
                        .nextDouble()), normal(random, dimension, 1e-4))
                        : normal(random, dimension, 1);
                case ONE_NEAR_ZERO -> normal(random, dimension, t == 0 ? 1e-6 : 1);
            };
        }
        return g;
    }

    static double[][] gram(double[][] g) {
        double[][] gram = new double[g.length][g.length];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                gram[i][j] = GramMath.dot(g[i], g[j]);
            }
        }
        return gram;
    }

    private static double[] normal(Random random, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return v;
    }

    private static double[] times(double[] v, double factor) {
        double[] result = v.clone();
        for (int i = 0; i < v.length; i++) {
            result[i] *= factor;
        }
        return result;
    }

    private static double[] plus(double[] a, double[] b) {
        return GramMath.plus(a, b);
    }
}
