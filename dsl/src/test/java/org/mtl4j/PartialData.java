package org.mtl4j;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Test data with partial labels. */
public final class PartialData {

    private PartialData() {}

    /**
     * x1, x2 ~ N(0, 1); y = 2·x1 on every row; kind = "up"/"down" by the sign of x2 on every
     * {@code every}-th row only, missing elsewhere.
     */
    public static Table table(int rows, int every, long seed) {
        Random random = new Random(seed);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn kind = StringColumn.create("kind");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            y.append(2 * a);
            kind.append(i % every == 0 ? (b > 0 ? "up" : "down") : "");
        }
        return Table.create("partial", x1, x2, y, kind);
    }
}
