package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.mtl4j.train.ConflictRecord;
import org.mtl4j.train.TrainingHistory;

class ConflictChartsTest {

    /** Three tasks over two epochs; b · c has no sample in epoch 2. */
    private static TrainingHistory history() {
        return new TrainingHistory(List.of("a", "b", "c"), List.of(), List.of(), List.of(
                new ConflictRecord(1, "a", "b", 0.5, 0.25, 1.0, 4),
                new ConflictRecord(1, "a", "c", -0.75, 1.0, 2.0, 4),
                new ConflictRecord(1, "b", "c", 0.125, 0.5, 0.5, 4),
                new ConflictRecord(2, "a", "b", 0.25, 0.5, 1.0, 4),
                new ConflictRecord(2, "a", "c", -0.5, 0.75, 2.0, 4),
                new ConflictRecord(2, "b", "c", Double.NaN, Double.NaN, Double.NaN, 0)));
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
    void theHeatmapShowsTheChosenEpochsCosinesSymmetricWithOnesOnTheDiagonal() {
        HeatMapChart chart = ConflictCharts.heatmap(history(), 1);

        // cells are {column, row from the bottom, cosine}; task a is the top row (y = 2)
        assertThat(cells(chart)).containsExactlyInAnyOrder(
                "0 2 1.0", "1 2 0.5", "2 2 -0.75",
                "0 1 0.5", "1 1 1.0", "2 1 0.125",
                "0 0 -0.75", "1 0 0.125", "2 0 1.0");
        assertThat(chart.getTitle()).isEqualTo("Gradient cosine between tasks, epoch 1");
        assertThat(chart.getStyler().getMin()).isEqualTo(-1.0);
        assertThat(chart.getStyler().getMax()).isEqualTo(1.0);
    }

    @Test
    void theDefaultHeatmapIsTheLastEpochsAndLeavesPairsWithoutSamplesEmpty() throws Exception {
        HeatMapChart chart = ConflictCharts.heatmap(history());

        assertThat(chart.getTitle()).endsWith("epoch 2");
        assertThat(cells(chart)).hasSize(7).noneMatch(cell -> cell.contains("NaN"));
        assertThat(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG))
                .isNotEmpty();
    }

    @Test
    void linesFollowEachPairOverTheEpochsItWasSampled() {
        XYChart fractions = ConflictCharts.conflictFractions(history());
        XYChart cosines = ConflictCharts.cosines(history());

        assertThat(fractions.getSeriesMap().keySet()).containsExactly("a · b", "a · c", "b · c");
        assertThat(fractions.getSeriesMap().get("a · c").getYData()).containsExactly(1.0, 0.75);
        assertThat(fractions.getSeriesMap().get("b · c").getXData()).containsExactly(1.0);
        assertThat(cosines.getSeriesMap().get("a · b").getYData()).containsExactly(0.5, 0.25);
        assertThat(cosines.getSeriesMap().get("0").getYData()).containsExactly(0.0, 0.0);
    }

    @Test
    void aHistoryWithoutFiguresOrAnUnrecordedEpochIsRefusedWithTheFix() {
        TrainingHistory none = TrainingHistory.empty(List.of("a", "b"));

        assertThatThrownBy(() -> ConflictCharts.heatmap(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The history has no conflict figures: no fit recorded them."
                        + " Received: 0 epochs fitted without the conflict monitor. Fit with it,"
                        + " e.g. model.fit(table, epochs(10), conflictMonitor()).");
        assertThatThrownBy(() -> ConflictCharts.heatmap(history(), 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The conflict monitor recorded nothing for epoch 7. Received:"
                        + " epoch=7; recorded epochs: [1, 2]. Choose one of those.");
    }
}
