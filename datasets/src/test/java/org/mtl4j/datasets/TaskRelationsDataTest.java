package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("unit")
class TaskRelationsDataTest {

    @Test
    void hasSixFeaturesThenTheFiveTasks() {
        Table table = TaskRelationsData.table(30, 1);

        assertThat(table.rowCount()).isEqualTo(30);
        assertThat(table.columnNames()).containsExactly(
                "x1", "x2", "x3", "x4", "x5", "x6", "a", "b", "c", "d", "e");
    }

    @Test
    void sameSeedGivesTheSameTable() {
        assertThat(TaskRelationsData.table(50, 3).doubleColumn("e").asDoubleArray())
                .containsExactly(TaskRelationsData.table(50, 3).doubleColumn("e").asDoubleArray())
                .isNotEqualTo(TaskRelationsData.table(50, 4).doubleColumn("e").asDoubleArray());
    }

    @Test
    void targetsFollowTheDocumentedFormula() {
        // GIVEN many rows, THEN the correlations are those of the formula: the pairs are the
        // same target up to noise, r = 2 / (2 + 0.09) ≈ 0.957; across pairs 0; e against a:
        // cov(−(u+v) + x5, u) = −2 over sqrt(5.09 · 2.09), ≈ −0.613
        Table table = TaskRelationsData.table(20_000, 5);

        assertThat(correlation(table, "a", "b")).isCloseTo(2 / 2.09, within(0.01));
        assertThat(correlation(table, "c", "d")).isCloseTo(2 / 2.09, within(0.01));
        assertThat(correlation(table, "a", "c")).isCloseTo(0, within(0.03));
        assertThat(correlation(table, "e", "a")).isCloseTo(-2 / Math.sqrt(5.09 * 2.09),
                within(0.02));
        assertThat(correlation(table, "e", "x5")).isCloseTo(1 / Math.sqrt(5.09), within(0.02));
        assertThat(correlation(table, "a", "x6")).isCloseTo(0, within(0.03));
    }

    @Test
    void tooFewRowsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> TaskRelationsData.table(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be at least 1. Received: rows=0. Use e.g. 800.");
    }

    private static double correlation(Table table, String first, String second) {
        double[] x = table.doubleColumn(first).asDoubleArray();
        double[] y = table.doubleColumn(second).asDoubleArray();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
