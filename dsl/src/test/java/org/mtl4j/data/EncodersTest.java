package org.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.categorical;
import static org.mtl4j.Mtl4j.numeric;
import static org.mtl4j.Mtl4j.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EncodersTest {

    private static Table table() {
        return Table.create("t",
                DoubleColumn.create("x", 1, 3, 100),
                StringColumn.create("island", "Biscoe", "Dream", "Torgersen"),
                StringColumn.create("review", "Great phone, great price", "Don't buy", ""));
    }

    @Test
    void numericUsesTrainingStatisticsOnly() {
        // training rows 0 and 1: mean 2, std 1; row 2 (validation) does not move them
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(numeric("x")), table(),
                new int[] {0, 1});

        float[] encoded = encoder.encode(table(), new int[] {0, 1, 2});

        assertThat(encoded[0]).isCloseTo(-1f, within(1e-6f));
        assertThat(encoded[1]).isCloseTo(1f, within(1e-6f));
        assertThat(encoded[2]).isCloseTo(98f, within(1e-4f));
    }

    @Test
    void categoricalIsOneHotOverTrainingLevelsAndUnseenIsZero() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(categorical("island")), table(),
                new int[] {0, 1});

        float[] encoded = encoder.encode(table(), new int[] {1, 2});

        assertThat(encoder.width()).isEqualTo(2);
        assertThat(encoded).containsExactly(0f, 1f, 0f, 0f);
    }

    @Test
    void textIsAUnitLengthBagOfWords() {
        FeatureEncoder encoder = FeatureEncoder.fit(
                List.of(text("review").vocabulary(10)), table(), new int[] {0, 1, 2});

        float[] encoded = encoder.encode(table(), new int[] {0, 2});

        // row 0 tokens: great ×2, phone, price -> log(3), log(2), log(2), scaled to length 1
        double norm = Math.sqrt(Math.pow(Math.log(3), 2) + 2 * Math.pow(Math.log(2), 2));
        float[] first = java.util.Arrays.copyOfRange(encoded, 0, 10);
        float max = 0;
        double length = 0;
        for (float value : first) {
            max = Math.max(max, value);
            length += value * value;
        }
        assertThat(max).isCloseTo((float) (Math.log(3) / norm), within(1e-6f));
        assertThat(length).isCloseTo(1.0, within(1e-6));
        // an empty text encodes as zeros
        assertThat(java.util.Arrays.copyOfRange(encoded, 10, 20)).containsOnly(0f);
    }

    @Test
    void tokenizerLowerCasesDropsApostrophesAndSplitsOnNonLetters() {
        assertThat(Tokenizer.tokens("Don't buy it: 2 STARS! Très bien"))
                .containsExactly("dont", "buy", "it", "2", "stars", "très", "bien");
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Split split = Split.random(10, 0.3, 42);

        assertThat(split.validation()).hasSize(3);
        assertThat(split.train()).hasSize(7).doesNotContain(split.validation());
        assertThat(Split.random(10, 0.3, 42).validation()).containsExactly(split.validation());
        assertThat(Split.random(10, 0.0, 42).validation()).isEmpty();
    }
}
