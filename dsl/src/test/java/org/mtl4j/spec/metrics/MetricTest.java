package org.mtl4j.spec.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MetricTest {

    private static final TaskPredictions CLASSES = new TaskPredictions(3,
            new double[] {0, 0, 1, 2, 2, 1},
            new double[] {0, 1, 1, 2, 0, 1});

    @Test
    void accuracyIsTheShareOfCorrectClasses() {
        assertThat(new Accuracy().compute(CLASSES)).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void macroF1AveragesPerClassF1() {
        // class 0: TP 1, FP 1, FN 1 -> 0.5; class 1: TP 2, FP 0, FN 1 -> 0.8;
        // class 2: TP 1, FP 1, FN 0 -> 2/3
        double expected = (0.5 + 0.8 + 2.0 / 3) / 3;
        assertThat(new MacroF1().compute(CLASSES)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void macroF1LeavesOutClassesThatNeverOccur() {
        TaskPredictions p = new TaskPredictions(4, new double[] {0, 1}, new double[] {0, 1});
        assertThat(new MacroF1().compute(p)).isEqualTo(1.0);
    }

    @Test
    void aucIsTheShareOfPositiveNegativePairsRankedRight() {
        // positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs in order
        TaskPredictions p = new TaskPredictions(2, new double[] {0, 0, 0, 1},
                new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(new Auc().compute(p)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aucCountsTiesHalfAndLeavesOutNonFiniteScores() {
        // pairs (positive, negative): (0.5, 0.5) half, (0.5, 0.2) right, (0.9, 0.5) right,
        // (0.9, 0.2) right: 3.5 of 4; the NaN row does not count
        TaskPredictions p = new TaskPredictions(2, new double[5],
                new double[] {1, 0, 0, 1, 0}, new double[] {0.5, 0.5, 0.2, 0.9, Double.NaN});
        assertThat(new Auc().compute(p)).isCloseTo(3.5 / 4, within(1e-12));
    }

    @Test
    void aucOfScoresAndLabelsIsTheMetricsFigure() {
        assertThat(Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {0, 0, 1, 1}))
                .isCloseTo(0.75, within(1e-12));
        assertThat(Auc.of(new double[] {0.5, 0.5, 0.2, 0.9, Double.NaN},
                new double[] {1, 0, 0, 1, 0})).isCloseTo(3.5 / 4, within(1e-12));
    }

    @Test
    void aucOfRefusesLabelsOtherThanZeroAndOneAndUnequalLengths() {
        assertThatThrownBy(() -> Auc.of(new double[] {0.1, 0.2}, new double[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Auc.of needs labels 0 (negative) or 1 (positive). Received: 2.0 at"
                        + " row 1. Map the classes first, e.g. v.equals(\"yes\") ? 1 : 0.");
        assertThatThrownBy(() -> Auc.of(new double[] {0.1}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Auc.of needs a score per label. Received: 1 scores and 2 labels."
                        + " Pass arrays of the same rows.");
    }

    @Test
    void aucOfOneClassOnlyIsNaN() {
        TaskPredictions p = new TaskPredictions(2, new double[2], new double[] {1, 1},
                new double[] {0.3, 0.6});
        assertThat(new Auc().compute(p)).isNaN();
    }

    @Test
    void maeAndRmseOfRegression() {
        TaskPredictions p = new TaskPredictions(0, new double[] {1, 2, 3}, new double[] {2, 2, 5});
        assertThat(new Mae().compute(p)).isCloseTo(1.0, within(1e-12));
        assertThat(new Rmse().compute(p)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
    }
}
