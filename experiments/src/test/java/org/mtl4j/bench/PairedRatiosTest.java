package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paired ratios: repetition by repetition, then median and quartiles. */
class PairedRatiosTest {

    @Test
    void eachRepetitionIsDividedByTheOneNextToIt() {
        // GIVEN a runner twice as fast as the reference in every round, while the machine's
        // speed changes fourfold between rounds (what a ratio of medians would blur)
        List<Timing> reference = List.of(new Timing(1, 2, 100), new Timing(4, 8, 100),
                new Timing(2, 4, 100));
        List<Timing> runner = List.of(new Timing(0.5, 1, 100), new Timing(2, 4, 100),
                new Timing(1, 2, 100));

        // WHEN the paired ratios are taken
        PairedRatios ratios = PairedRatios.of(runner, reference);

        // THEN every ratio is exactly 2, wall and CPU
        assertThat(ratios.wall()).isEqualTo(new PairedRatios.Quartiles(2, 2, 2));
        assertThat(ratios.cpu()).isEqualTo(new PairedRatios.Quartiles(2, 2, 2));
        assertThat(ratios.describe()).isEqualTo("2.00× (2.00–2.00×), 2.00× (2.00–2.00×)");
    }

    @Test
    void quartilesAreTheMediansOfTheHalves() {
        assertThat(PairedRatios.Quartiles.of(List.of(4.0, 1.0, 3.0, 2.0)))
                .isEqualTo(new PairedRatios.Quartiles(1.5, 2.5, 3.5));
        // odd: the middle value is left out of both halves
        assertThat(PairedRatios.Quartiles.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0)))
                .isEqualTo(new PairedRatios.Quartiles(1.5, 3.0, 4.5));
        assertThat(PairedRatios.Quartiles.of(List.of(7.0)))
                .isEqualTo(new PairedRatios.Quartiles(7.0, 7.0, 7.0));
    }

    @Test
    void aRepetitionWithoutProcessCpuTimeShowsNoRatio() {
        // the process CPU clock did not move in the reference's repetition: no CPU ratio
        PairedRatios ratios = PairedRatios.of(List.of(new Timing(1, 1, 10)),
                List.of(new Timing(2, 0, 10)));

        assertThat(ratios.describe()).isEqualTo("2.00× (2.00–2.00×), –");
    }

    @Test
    void runnersWithDifferentRepetitionsAreRefused() {
        List<Timing> one = List.of(new Timing(1, 1, 10));
        assertThatThrownBy(() -> PairedRatios.of(one, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Paired ratios need the same number of repetitions of both runners."
                        + " Received: 1 and 0. Time both runners in every round.");
    }
}
