package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.mtl4j.train.AffinityRecord;
import org.mtl4j.train.TrainingHistory;

@Tag("unit")
class AffinityChartsTest {

    /** Two tasks over two epochs, 1 and 3 samples; b → a not measured in epoch 2. */
    private static TrainingHistory history() {
        return new TrainingHistory(List.of("a", "b"), List.of(), List.of(), List.of(), List.of(
                new AffinityRecord(1, "a", "a", 0.9, 1),
                new AffinityRecord(1, "a", "b", 0.25, 1),
                new AffinityRecord(1, "b", "a", -0.4, 1),
                new AffinityRecord(1, "b", "b", 0.8, 1),
                new AffinityRecord(2, "a", "a", 0.7, 3),
                new AffinityRecord(2, "a", "b", 0.625, 3),
                new AffinityRecord(2, "b", "a", Double.NaN, 0),
                new AffinityRecord(2, "b", "b", 0.5, 3)));
    }

    /** Each cell as "column row value". */
    private static List<String> cells(HeatMapChart chart) {
        List<String> cells = new java.util.ArrayList<>();
        for (Object cell : chart.getHeatMapSeries().getHeatData()) {
            Number[] values = (Number[]) cell;
            cells.add(values[0] + " " + values[1] + " " + values[2]);
        }
        return cells;
    }

    @Test
    void theTrainingAverageWeighsEpochsBySamplesLeavesTheDiagonalOutAndIsSymmetricInColour() {
        HeatMapChart chart = AffinityCharts.heatmap(history());

        // cells are {column (onto), row from the bottom (from), value × 10², two digits}; task a
        // is the top row; a → b: (0.25 · 1 + 0.625 · 3) / 4 = 0.53125; b → a: epoch 1 only
        assertThat(cells(chart)).containsExactlyInAnyOrder("1 1 53.0", "0 0 -40.0");
        assertThat(chart.getTitle()).isEqualTo("Inter-task affinity × 10², training average");
        // the colour scale: symmetric, the largest magnitude (53.125) rounded up
        assertThat(chart.getStyler().getMin()).isEqualTo(-54);
        assertThat(chart.getStyler().getMax()).isEqualTo(54);
    }

    @Test
    void aChosenEpochShowsItsValuesAndDrawsWithoutUnmeasuredCells() throws Exception {
        HeatMapChart chart = AffinityCharts.heatmap(history(), 2);

        assertThat(chart.getTitle()).isEqualTo("Inter-task affinity × 10², epoch 2");
        assertThat(cells(chart)).containsExactly("1 1 63.0");
        assertThat(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG))
                .isNotEmpty();
    }

    @Test
    void cellsAreScaledSoThatTheLargestHasTwoDigitsBeforeThePoint() {
        assertThat(AffinityCharts.scalePower(0.016)).isEqualTo(3);
        assertThat(AffinityCharts.scalePower(0.00037)).isEqualTo(5);
        assertThat(AffinityCharts.scalePower(0.1)).isEqualTo(2);
        assertThat(AffinityCharts.scalePower(9.9)).isEqualTo(1);
        assertThat(AffinityCharts.scalePower(12)).isZero();
        assertThat(AffinityCharts.scalePower(0)).isZero();
        assertThat(AffinityCharts.superscript(3)).isEqualTo("³");
        assertThat(AffinityCharts.superscript(12)).isEqualTo("¹²");
        assertThat(AffinityCharts.twoDigits(16.299999999999997)).isEqualTo(16);
        assertThat(AffinityCharts.twoDigits(-0.16345)).isEqualTo(-0.16);
    }

    @Test
    void aHistoryWithoutFiguresOrAnUnmeasuredEpochIsRefusedWithTheFix() {
        assertThatThrownBy(() -> AffinityCharts.heatmap(TrainingHistory.empty(List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The history has no task affinity figures: no fit measured them."
                        + " Received: 0 epochs fitted without taskAffinity(). Fit with it,"
                        + " e.g. model.fit(table, epochs(10), taskAffinity()).");
        assertThatThrownBy(() -> AffinityCharts.heatmap(history(), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The task affinity was not measured in epoch 5. Received: epoch=5;"
                        + " measured epochs: [1, 2]. Choose one of those.");
    }
}
