package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatsTest {

    @Test
    void meanAndSampleStandardDeviation() {
        // GIVEN 1, 2, 3: mean 2, squares 1 + 0 + 1 over n − 1 = 2
        List<Double> values = List.of(1.0, 2.0, 3.0);

        assertThat(Stats.mean(values)).isEqualTo(2.0);
        assertThat(Stats.spread(values)).isEqualTo(1.0);
        assertThat(Stats.meanAndSpread(values)).isEqualTo("2.000 ± 1.000");
        assertThat(Stats.meanAndSpread(List.of(0.25, 0.5), 4)).isEqualTo("0.3750 ± 0.1768");
    }

    @Test
    void oneValueHasNoSpread() {
        assertThat(Stats.meanAndSpread(List.of(1.5))).isEqualTo("1.500 ± 0.000");
    }

    @Test
    void pairsPrintThreeDecimals() {
        assertThat(Stats.pair(new double[] {1.9604, 0.0396})).isEqualTo("(1.960, 0.040)");
    }
}
