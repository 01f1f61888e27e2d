package org.mtl4j.spec.metrics;

import static org.assertj.core.api.Assertions.assertThat;
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
    void maeAndRmseOfRegression() {
        TaskPredictions p = new TaskPredictions(0, new double[] {1, 2, 3}, new double[] {2, 2, 5});
        assertThat(new Mae().compute(p)).isCloseTo(1.0, within(1e-12));
        assertThat(new Rmse().compute(p)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
    }
}
