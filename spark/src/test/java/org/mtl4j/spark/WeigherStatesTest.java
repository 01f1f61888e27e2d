package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How replicas' weighting states travel and become one at a parameter averaging. */
@Tag("unit")
class WeigherStatesTest {

    @Test
    void aStateTravelsBitForBit() {
        Map<String, double[]> state = Map.of("logVariances", new double[] {-0.5, 1e-300},
                "random.position", new double[] {2.81474976710655E14, 1, Double.NaN},
                "empty", new double[0]);
        Map<String, double[]> back = WeigherStates.decode(WeigherStates.encode(state));
        assertThat(back).containsOnlyKeys(state.keySet());
        state.forEach((key, values) -> assertThat(back.get(key)).containsExactly(values));
        assertThat(WeigherStates.decode(WeigherStates.encode(Map.of()))).isEmpty();
    }

    @Test
    void learnedValuesAreAveragedCountsTakenFromTheFirstAndEqualVectorsKept() {
        // GIVEN two replicas' states, the first holding 3/4 of the rows
        Map<String, double[]> first = Map.of(
                "logVariances", new double[] {-1.0, 0.5},
                "adam.steps", new double[] {7, 7},
                "random", new double[] {0.125, 3},
                "initialLosses", new double[] {Double.NaN, 2.0});
        Map<String, double[]> second = Map.of(
                "logVariances", new double[] {-3.0, 1.5},
                "adam.steps", new double[] {6, 6},
                "random", new double[] {0.125, 3},
                "initialLosses", new double[] {0.5, 4.0});

        // WHEN they are combined
        Map<String, double[]> combined = WeigherStates.combine(List.of(first, second),
                new double[] {0.75, 0.25});

        // THEN learned values are averaged by rows, over the replicas where they are finite;
        // whole numbers come from the first replica; equal vectors stay as they are
        assertThat(combined.get("logVariances")).containsExactly(-1.5, 0.75);
        assertThat(combined.get("initialLosses")).containsExactly(0.5, 2.5);
        assertThat(combined.get("adam.steps")).containsExactly(7, 7);
        assertThat(combined.get("random")).containsExactly(0.125, 3);
    }

    @Test
    void statesOfAnotherShapeAreRefusedNamingTheVector() {
        assertThatThrownBy(() -> WeigherStates.combine(List.of(
                        Map.of("weights", new double[] {1, 1}),
                        Map.of("weights", new double[] {1, 1, 1})), new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The replicas' weighting states differ in shape. Received: 'weights'"
                        + " of length 2 on replica 0 and length 3 on replica 1. Train every"
                        + " replica from the same model file.");
    }
}
