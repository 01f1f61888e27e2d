package org.mtl4j.datasets;

import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Five regression tasks with planted relations, for telling which tasks belong together: two
 * pairs of related tasks on orthogonal directions and a fifth task that mixes both.
 *
 * <p>Formula (all draws from one {@link java.util.Random} seeded with {@code seed}, row by row):
 *
 * <pre>
 *   x1 … x6 ~ N(0, 1)              features (x6 is unused: noise the model must ignore)
 *   u = x1 + x2,  v = x3 − x4      the two latent directions
 *   a = u + ε,  b = u + ε          pair 1: the same target, independent noise
 *   c = v + ε,  d = v + ε          pair 2
 *   e = −(u + v) + x5 + ε          both directions with the opposite sign, and x5 besides
 *   ε ~ N(0, 0.3²), drawn afresh for every task and row
 * </pre>
 *
 * Why these: a and b (and c and d) are the same task up to noise, so a step on one lowers the
 * other's loss (positive affinity, gradients pointing the same way). The pairs depend on
 * orthogonal directions: in a trunk of four ReLU units, which {@code u} and {@code v} need all of
 * (two per direction, one for each sign), a step that serves one pair takes units from the other,
 * so the pairs conflict (negative affinity, gradient cosines below 0 on nearly every step); with a
 * wide trunk that conflict fades. Task e needs both directions and x5; in the four-unit trunk its
 * interactions with the pairs are small. {@code taskAffinity()} and {@code TaskGroups} should
 * find ({a, b}, {c, d}, {e}) there ({@code TaskAffinityPlantedTest}, the {@code
 * 06-task-relations} notebook). The noise keeps every task learnable (signal variance 2 or more
 * against 0.09).
 *
 * <p>Example:
 *
 * <pre>{@code
 * Table train = TaskRelationsData.table(800, 1);   // x1..x6, a, b, c, d, e
 * }</pre>
 */
public final class TaskRelationsData {

    /** The tasks' columns, in order. */
    public static final List<String> TASKS = List.of("a", "b", "c", "d", "e");

    /** The feature columns, in order. */
    public static final List<String> FEATURES = List.of("x1", "x2", "x3", "x4", "x5", "x6");

    /** Standard deviation of each target's noise. */
    public static final double NOISE = 0.3;

    private TaskRelationsData() {}

    /**
     * Generates the data set.
     *
     * @param rows number of rows, at least 1
     * @param seed random seed; the same seed gives the same table
     * @return a table named "task relations" with columns x1..x6 then a..e
     */
    public static Table table(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException(
                    "rows must be at least 1. Received: rows=" + rows + ". Use e.g. 800.");
        }
        Random random = new Random(seed);
        double[][] x = new double[FEATURES.size()][rows];
        double[][] y = new double[TASKS.size()][rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < x.length; k++) {
                x[k][r] = random.nextGaussian();
            }
            double u = x[0][r] + x[1][r];
            double v = x[2][r] - x[3][r];
            y[0][r] = u + NOISE * random.nextGaussian();
            y[1][r] = u + NOISE * random.nextGaussian();
            y[2][r] = v + NOISE * random.nextGaussian();
            y[3][r] = v + NOISE * random.nextGaussian();
            y[4][r] = -(u + v) + x[4][r] + NOISE * random.nextGaussian();
        }
        Table table = Table.create("task relations");
        for (int k = 0; k < x.length; k++) {
            table.addColumns(DoubleColumn.create(FEATURES.get(k), x[k]));
        }
        for (int t = 0; t < y.length; t++) {
            table.addColumns(DoubleColumn.create(TASKS.get(t), y[t]));
        }
        return table;
    }
}
