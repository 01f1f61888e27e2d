package org.mtl4j;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Data for adding a task: x1..x4 ~ N(0, 1); the old tasks read x1 and x2 (a = x1 + x2²/2, b =
 * "pos" when x1 + x2 > 0, else "neg"), the new task reads x3 and x4 (c = sin(2·x3) + x4), so
 * fine-tuning the trunk on the new task alone pulls it away from what the old tasks need.
 */
final class TwoPhaseData {

    private TwoPhaseData() {}

    /** Rows with the inputs and the old tasks' labels a and b (no column c). */
    static Table oldRows(int rows, long seed) {
        Table all = all(rows, seed, "old");
        return all.removeColumns("c");
    }

    /** Rows with the inputs and the new task's label c (no columns a and b). */
    static Table newRows(int rows, long seed) {
        Table all = all(rows, seed, "new");
        return all.removeColumns("a", "b");
    }

    /** Rows with every label. */
    static Table all(int rows, long seed, String name) {
        Random random = new Random(seed);
        DoubleColumn[] x = new DoubleColumn[4];
        for (int i = 0; i < 4; i++) {
            x[i] = DoubleColumn.create("x" + (i + 1));
        }
        DoubleColumn a = DoubleColumn.create("a");
        StringColumn b = StringColumn.create("b");
        DoubleColumn c = DoubleColumn.create("c");
        for (int r = 0; r < rows; r++) {
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                v[i] = random.nextGaussian();
                x[i].append(v[i]);
            }
            a.append(v[0] + v[1] * v[1] / 2);
            b.append(v[0] + v[1] > 0 ? "pos" : "neg");
            c.append(Math.sin(2 * v[2]) + v[3]);
        }
        return Table.create(name, x[0], x[1], x[2], x[3], a, b, c);
    }
}
