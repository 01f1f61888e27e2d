package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TrainingHistory;

class LearningRateChartTest {

    @Test
    void chartsTheRateOfEveryStep() {
        TrainingHistory history = new TrainingHistory(List.of("a"), List.of(
                new StepRecord(1, 1, new double[] {1}, new double[] {1}, 0.1),
                new StepRecord(2, 1, new double[] {1}, new double[] {1}, 0.1),
                new StepRecord(3, 2, new double[] {1}, new double[] {1}, 0.05)), List.of());

        XYChart chart = Charts.learningRate(history);

        XYSeries series = chart.getSeriesMap().get("learning rate");
        assertThat(series.getXData()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.getYData()).containsExactly(0.1, 0.1, 0.05);
        assertThat(chart.getTitle()).isEqualTo("Learning rate");
    }

    @Test
    void aHistoryWithoutRatesIsRefused() {
        TrainingHistory history = new TrainingHistory(List.of("a"), List.of(
                new StepRecord(1, 1, new double[] {1}, new double[] {1})), List.of());

        assertThatThrownBy(() -> Charts.learningRate(history))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The history has no learning rates to chart. Received: a history of"
                        + " 1 steps without rates. Chart the history of a fit() (every fit"
                        + " records its rates).");
    }
}
