package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Which old rows rehearsal(...) mixes in: a seeded sample, joined over the model's columns. */
class RehearsalSamplingTest {

    @Test
    void drawsASortedSeededSampleWithoutReplacement() {
        int[] drawn = Rehearsal.draw(30, 100, 7);

        assertThat(drawn).hasSize(30).isSorted().doesNotHaveDuplicates();
        assertThat(IntStream.of(drawn).allMatch(i -> i >= 0 && i < 100)).isTrue();
        assertThat(Rehearsal.draw(30, 100, 7)).isEqualTo(drawn);
        assertThat(Rehearsal.draw(30, 100, 8)).isNotEqualTo(drawn);
    }

    @Test
    void takesEveryOldRowWholeTimesThenSamplesTheRest() {
        int[] drawn = Rehearsal.draw(25, 10, 7);

        assertThat(Arrays.copyOf(drawn, 20))
                .isEqualTo(IntStream.range(0, 20).map(i -> i % 10).toArray());
        assertThat(Arrays.copyOfRange(drawn, 20, 25)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void moreOldRowsThanTheTableHoldsAreMixedInWithEachRowTakenWholeTimes() {
        // GIVEN 9 new rows and 4 old ones at a fraction of 0.5: 9 old rows due
        Table newRows = Table.create("new", DoubleColumn.create("x", 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Table oldRows = Table.create("old", DoubleColumn.create("x", -1, -2, -3, -4),
                StringColumn.create("b", "p", "q", "p", "q"));
        ModelSpec spec = multiTask().input(numeric("x"))
                .task("b").head(dense(2)).loss(crossEntropy()).build().spec();

        // WHEN they are mixed
        Table mixed = new Rehearsal(oldRows, 0.5).mix(newRows, spec, 42);

        // THEN every old row comes twice, then one drawn row: 18 rows in all
        assertThat(mixed.rowCount()).isEqualTo(18);
        int[] drawn = Rehearsal.draw(9, 4, 42);
        for (int i = 0; i < 9; i++) {
            assertThat(mixed.doubleColumn("x").get(9 + i)).isEqualTo(-1.0 - drawn[i]);
        }
    }

    @Test
    void mixesAFractionOfOldRowsWithMissingLabelsWhereATableHasNone() {
        Table newRows = Table.create("new", DoubleColumn.create("x", 1, 2, 3, 4, 5, 6),
                DoubleColumn.create("c", 10, 20, 30, 40, 50, 60));
        Table oldRows = Table.create("old", DoubleColumn.create("x", -1, -2, -3, -4),
                StringColumn.create("b", "p", "q", "p", "q"));
        ModelSpec spec = multiTask().input(numeric("x"))
                .task("b").head(dense(2)).loss(crossEntropy())
                .task("c").head(dense(1)).loss(mse())
                .build().spec();

        // a quarter of old rows: 6 new rows take round(6·0.25/0.75) = 2 old ones
        Table mixed = new Rehearsal(oldRows, 0.25).mix(newRows, spec, 42);

        assertThat(mixed.columnNames()).containsExactly("x", "b", "c");
        assertThat(mixed.rowCount()).isEqualTo(8);
        assertThat(mixed.stringColumn("b").countMissing()).isEqualTo(6);
        assertThat(mixed.doubleColumn("c").countMissing()).isEqualTo(2);
        int[] expected = Rehearsal.draw(2, 4, 42);
        assertThat(mixed.doubleColumn("x").get(6)).isEqualTo(-1.0 - expected[0]);
        assertThat(mixed.doubleColumn("x").get(7)).isEqualTo(-1.0 - expected[1]);
    }
}
