package org.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.categorical;
import static org.mtl4j.Mtl4j.numeric;
import static org.mtl4j.Mtl4j.text;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.spec.inputs.Input;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FeatureRowsTest {

    private static Table table(int rows) {
        DoubleColumn x = DoubleColumn.create("x");
        StringColumn colour = StringColumn.create("colour");
        StringColumn review = StringColumn.create("review");
        String[] words = {"good", "bad", "film", "plot", "actor", "dull", "great", "don't"};
        for (int r = 0; r < rows; r++) {
            x.append(r * 0.5 - 3);
            colour.append(r % 3 == 0 ? "red" : "blue");
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 1 + r % 5; w++) {
                text.append(words[(r * 7 + w * 3) % words.length]).append(' ');
            }
            review.append(r % 11 == 10 ? "" : text.toString());
        }
        return Table.create("t", x, colour, review);
    }

    private static void assertSameAsDense(List<Input> inputs) {
        // GIVEN an encoder fitted on 40 rows of numbers, categories and text
        Table table = table(40);
        int[] all = new int[40];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        FeatureEncoder encoder = FeatureEncoder.fit(inputs, table, all);
        int[] rows = {39, 0, 7, 21, 10, 3};

        // WHEN the rows are kept sparse and written densely again, in another order too
        FeatureRows sparse = encoder.encodeSparse(table, rows);
        float[] dense = encoder.encode(table, rows);
        float[] range = new float[dense.length];
        sparse.dense(0, rows.length, FloatBuffer.wrap(range));
        float[] reordered = new float[2 * encoder.width()];
        sparse.dense(new int[] {4, 1}, 0, 2, FloatBuffer.wrap(reordered));

        // THEN they are exactly the dense encoding, stored in memory per non-zero feature
        assertThat(range).containsExactly(dense);
        float[] expected = new float[2 * encoder.width()];
        System.arraycopy(dense, 4 * encoder.width(), expected, 0, encoder.width());
        System.arraycopy(dense, encoder.width(), expected, encoder.width(), encoder.width());
        assertThat(reordered).containsExactly(expected);
        int nonZeros = 0;
        for (float value : dense) {
            nonZeros += value != 0f ? 1 : 0;
        }
        assertThat(sparse.nonZeros()).isEqualTo(nonZeros);
        assertThat(sparse.rows()).isEqualTo(rows.length);
        assertThat(encoder.hasText()).isTrue();

        // AND clearing what was written leaves zeroes for the next batch
        sparse.clear(new int[] {4, 1}, 0, 2, FloatBuffer.wrap(reordered));
        sparse.clear(0, rows.length, FloatBuffer.wrap(range));
        assertThat(reordered).containsOnly(0f);
        assertThat(range).containsOnly(0f);
    }

    @Test
    void sparseRowsOfAVocabularyAreTheDenseFeatures() {
        assertSameAsDense(List.of(numeric("x"), text("review").vocabulary(5),
                categorical("colour")));
    }

    @Test
    void sparseRowsOfHashedWordsAreTheDenseFeatures() {
        assertSameAsDense(List.of(text("review").buckets(16), numeric("x")));
    }
}
