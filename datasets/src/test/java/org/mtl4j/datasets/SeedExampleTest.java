package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@Tag("unit")
class SeedExampleTest {

    @Test
    void hasTenFeaturesThenOneColumnPerTask() {
        Table table = SeedExample.table(50, 5, 42);

        assertThat(table.rowCount()).isEqualTo(50);
        assertThat(table.columnNames())
                .containsExactly(
                        "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
                        "task1", "task2", "task3", "task4", "task5");
    }

    @Test
    void sameSeedGivesSameTableAndOtherSeedDoesNot() {
        Table first = SeedExample.table(100, 3, 7);
        Table again = SeedExample.table(100, 3, 7);
        Table other = SeedExample.table(100, 3, 8);

        assertThat(again.doubleColumn("task2").asDoubleArray())
                .containsExactly(first.doubleColumn("task2").asDoubleArray());
        assertThat(other.doubleColumn("task2").asDoubleArray())
                .isNotEqualTo(first.doubleColumn("task2").asDoubleArray());
    }

    @Test
    void tasksShareStructure() {
        // GIVEN many rows, WHEN the targets are generated, THEN tasks are correlated through the
        // shared latent factors (a pair with |r| > 0.2 exists) but are not copies of each other.
        Table table = SeedExample.table(5000, 5, 42);
        double strongest = 0;
        for (int s = 1; s <= 5; s++) {
            for (int t = s + 1; t <= 5; t++) {
                double r = correlation(
                        table.doubleColumn("task" + s).asDoubleArray(),
                        table.doubleColumn("task" + t).asDoubleArray());
                assertThat(Math.abs(r)).isLessThan(0.99);
                strongest = Math.max(strongest, Math.abs(r));
            }
        }
        assertThat(strongest).isGreaterThan(0.2);
    }

    @Test
    void rejectsNonPositiveRows() {
        assertThatThrownBy(() -> SeedExample.table(0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be at least 1. Received: rows=0. Use e.g. 2000.");
    }

    private static double correlation(double[] u, double[] v) {
        double mu = mean(u);
        double mv = mean(v);
        double cov = 0;
        double vu = 0;
        double vv = 0;
        for (int i = 0; i < u.length; i++) {
            cov += (u[i] - mu) * (v[i] - mv);
            vu += (u[i] - mu) * (u[i] - mu);
            vv += (v[i] - mv) * (v[i] - mv);
        }
        return cov / Math.sqrt(vu * vv);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
