package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.weighting.StateMerge;

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
    void learnedValuesAreAveragedCountsTakenAsTheLargestAndEqualVectorsKept() {
        // GIVEN two replicas' states, the first holding 3/4 of the rows
        Map<String, double[]> first = Map.of(
                "logVariances", new double[] {-1.0, 0.5},
                "adam.steps", new double[] {6, 7},
                "random", new double[] {0.125, 3},
                "initialLosses", new double[] {Double.NaN, 2.0});
        Map<String, double[]> second = Map.of(
                "logVariances", new double[] {-3.0, 1.5},
                "adam.steps", new double[] {7, 6},
                "random", new double[] {0.125, 3},
                "initialLosses", new double[] {0.5, 4.0});

        // WHEN they are combined
        Map<String, double[]> combined = WeigherStates.combine(List.of(first, second),
                new double[] {0.75, 0.25}, Map.of());

        // THEN learned values are averaged by rows, over the replicas where they are finite;
        // whole numbers are the largest; equal vectors stay as they are
        assertThat(combined.get("logVariances")).containsExactly(-1.5, 0.75);
        assertThat(combined.get("initialLosses")).containsExactly(0.5, 2.5);
        assertThat(combined.get("adam.steps")).containsExactly(7, 7);
        assertThat(combined.get("random")).containsExactly(0.125, 3);
    }

    @Test
    void aVectorIsCombinedOverTheReplicasThatHaveIt() {
        // GIVEN replica 0 that has not stepped (no optimizer moments, an empty vector) and two
        // that have, holding 1/2 and 1/4 of the rows
        Map<String, double[]> idle = Map.of("logVariances", new double[] {-0.5, -0.5},
                "alphas", new double[0]);
        Map<String, double[]> second = Map.of("logVariances", new double[] {-1.0, 0.5},
                "optimizer.means", new double[] {0.2, 0.4}, "optimizer.counts",
                new double[] {3, 3}, "alphas", new double[] {1, 2});
        Map<String, double[]> third = Map.of("logVariances", new double[] {-2.0, 0.5},
                "optimizer.means", new double[] {0.8, 0.1}, "optimizer.counts",
                new double[] {3, 3}, "alphas", new double[] {1, 2});

        // WHEN they are combined
        Map<String, double[]> combined = WeigherStates.combine(List.of(idle, second, third),
                new double[] {0.25, 0.5, 0.25}, Map.of());

        // THEN every key of any replica is there, averaged over the replicas that have it
        assertThat(combined).containsOnlyKeys("logVariances", "optimizer.means",
                "optimizer.counts", "alphas");
        assertThat(combined.get("logVariances")).containsExactly(-1.125, 0.25);
        assertThat(combined.get("optimizer.means")[0]).isCloseTo(0.4, offset(1e-12));
        assertThat(combined.get("optimizer.means")[1]).isCloseTo(0.3, offset(1e-12));
        assertThat(combined.get("optimizer.counts")).containsExactly(3, 3);
        assertThat(combined.get("alphas")).containsExactly(1, 2);
    }

    @Test
    void vectorsOfOtherNonZeroLengthsAreRefusedNamingTheVector() {
        assertThatThrownBy(() -> WeigherStates.combine(List.of(
                        Map.of("weights", new double[0]),
                        Map.of("weights", new double[] {1, 1}),
                        Map.of("weights", new double[] {1, 1, 1})), new double[] {0.2, 0.4, 0.4}, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The replicas' weighting states cannot be combined: a vector has"
                        + " other lengths on two replicas. Received: 'weights' of length 2 on"
                        + " replica 1 and length 3 on replica 2. This weighting changes the length"
                        + " of its state while it trains; train it with syncEvery(1) (exact"
                        + " synchronous training, no state to combine).");
    }

    @Test
    void declaredRulesCombineSumsWithTheirCountsFlaggedValuesWherePresentAndKeepAPosition() {
        // GIVEN two replicas with equal rows: STCH's nadir (replica 0 saw the loss L = 0.75 once,
        // replica 1 twice), FAMO's previous losses (task 1 unlabelled on replica 0, stored as
        // 0) and a random position with a pending Gaussian
        Map<String, double[]> first = Map.of("nadirSum", new double[] {0.75}, "nadirCount",
                new double[] {1}, "previous", new double[] {0.5, 0}, "previousLabelled",
                new double[] {1, 0}, "random", new double[] {12345, 1, 0.25});
        Map<String, double[]> second = Map.of("nadirSum", new double[] {1.5}, "nadirCount",
                new double[] {2}, "previous", new double[] {1.5, 2.0}, "previousLabelled",
                new double[] {1, 1}, "random", new double[] {67890, 1, -1.5});
        Map<String, StateMerge> merging = Map.of("nadirSum", StateMerge.mean(), "nadirCount",
                StateMerge.mean(), "previous", StateMerge.meanWhere("previousLabelled"),
                "previousLabelled", StateMerge.largest(), "random", StateMerge.first());

        // WHEN they are combined with the rules the weightings declare
        Map<String, double[]> combined = WeigherStates.combine(List.of(first, second),
                new double[] {0.5, 0.5}, merging);

        // THEN the nadir (sum / count) is still L; the absent previous loss does not count; the
        // position is the first replica's, whole
        assertThat(combined.get("nadirSum")[0] / combined.get("nadirCount")[0])
                .isCloseTo(0.75, offset(1e-12));
        assertThat(combined.get("previous")).containsExactly(1.0, 2.0);
        assertThat(combined.get("previousLabelled")).containsExactly(1, 1);
        assertThat(combined.get("random")).containsExactly(12345, 1, 0.25);
    }

    @Test
    void aRandomPositionComesFromTheFirstReplicaWithRowsAndMomentsFromThoseThatStepped() {
        // GIVEN replica 0 without rows (its generator never moved, its task-weight Adam never
        // stepped) and replica 1 with all rows; replica 2 never saw task 1's labels
        Map<String, double[]> idle = Map.of("random", new double[] {11, 0, 0},
                "adam.mean", new double[] {0, 0}, "adam.steps", new double[] {0, 0});
        Map<String, double[]> busy = Map.of("random", new double[] {99, 1, 0.5},
                "adam.mean", new double[] {0.4, 0.2}, "adam.steps", new double[] {4, 4});
        Map<String, double[]> partial = Map.of("random", new double[] {77, 0, 0},
                "adam.mean", new double[] {0.2, 0}, "adam.steps", new double[] {4, 0});
        Map<String, StateMerge> merging = Map.of("random", StateMerge.first(), "adam.mean",
                StateMerge.meanWhere("adam.steps"), "adam.steps", StateMerge.largest());

        // WHEN combined, replica 0 holding no rows
        Map<String, double[]> combined = WeigherStates.combine(List.of(idle, busy, partial),
                new double[] {0, 0.5, 0.5}, merging);

        // THEN the position is replica 1's, and task 1's moment is replica 1's alone
        assertThat(combined.get("random")).containsExactly(99, 1, 0.5);
        assertThat(combined.get("adam.mean")[0]).isCloseTo(0.3, offset(1e-12));
        assertThat(combined.get("adam.mean")[1]).isEqualTo(0.2);
        assertThat(combined.get("adam.steps")).containsExactly(4, 4);
    }
}
