package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

class RunComparisonTest {

    /** Three epochs of tasks a and b; losses scaled by {@code scale}; epoch 1 takes 5 s. */
    private static TrainingRun run(double scale) {
        TrainingHistory history = TrainingHistory.empty(List.of("a", "b"));
        for (int e = 1; e <= 3; e++) {
            history = history.plus(List.of(), new EpochRecord(e, List.of(
                    new TaskEpoch("a", scale / e, 2 * scale / e, 1,
                            Map.of("accuracy", 0.5 + e / 10.0)),
                    new TaskEpoch("b", scale * 3 / e, scale * 4 / e, 1.5, Map.of())),
                    e == 1 ? 5.0 : 0.5 + e / 10.0));
        }
        return new TrainingRun(history, 3, "cpu()", 6.5, false);
    }

    private static Map<String, TrainingRun> runs() {
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        runs.put("equal", run(1));
        runs.put("mgda", run(0.5));
        return runs;
    }

    @Test
    void oneLossAndOneWeightPanelPerTaskWithOneLinePerRunInTheRunsColour() {
        RunComparison comparison = Charts.compare(runs());

        List<XYChart> panels = comparison.chart().panels();
        assertThat(panels).extracting(XYChart::getTitle).containsExactly(
                "validation loss: a", "validation loss: b", "weight: a", "weight: b");
        XYChart lossB = panels.get(1);
        assertThat(lossB.getSeriesMap().keySet()).containsExactly("equal", "mgda",
                AxisTicks.RANGE_SERIES);
        assertThat(lossB.getSeriesMap().get("mgda").getYData()).containsExactly(
                Math.log10(2.0), Math.log10(1.0), Math.log10(2.0 / 3));
        assertThat(lossB.getSeriesMap().get("mgda").getLineColor()).isEqualTo(TaskColors.of(1));
        assertThat(panels.get(3).getSeriesMap().get("equal").getYData())
                .containsExactly(1.5, 1.5, 1.5);
        assertThat(comparison.chart().columns()).isEqualTo(2);
    }

    @Test
    void aRunWithoutATaskHasNoLineInThatTasksPanelsAndKeepsItsColourElsewhere() {
        Map<String, TrainingRun> runs = runs();
        TrainingHistory onlyB = TrainingHistory.empty(List.of("b")).plus(List.of(),
                new EpochRecord(1, List.of(new TaskEpoch("b", 1, 1, 1, Map.of())), 0.1));
        runs.put("b only", new TrainingRun(onlyB, 1, "cpu()", 0.1, false));

        List<XYChart> panels = Charts.compare(runs).chart().panels();

        assertThat(panels.get(0).getSeriesMap()).doesNotContainKey("b only");
        assertThat(panels.get(1).getSeriesMap().get("b only").getLineColor())
                .isEqualTo(TaskColors.of(2));
    }

    @Test
    void weightsSpanningMoreThanTwentyfoldGetALogAxisNearOnesALinearOne() {
        Map<String, TrainingRun> wide = runs();
        wide.put("stch", weighted(0.5, 20));
        Map<String, TrainingRun> narrow = runs();
        narrow.put("famo", weighted(0.2, 3.9));
        Map<String, TrainingRun> withZero = runs();
        withZero.put("gls", weighted(0, 30));

        XYChart wideWeights = Charts.compare(wide).chart().panels().get(2);
        XYChart narrowWeights = Charts.compare(narrow).chart().panels().get(2);
        XYChart zeroWeights = Charts.compare(withZero).chart().panels().get(2);

        assertThat(wideWeights.getYAxisTitle()).isEqualTo("weight (epoch mean) (log scale)");
        assertThat(wideWeights.getSeriesMap().get("stch").getYData())
                .containsExactly(Math.log10(0.5), Math.log10(20), Math.log10(20));
        assertThat(narrowWeights.getYAxisTitle()).isEqualTo("weight (epoch mean)");
        assertThat(zeroWeights.getYAxisTitle()).isEqualTo("weight (epoch mean)");
    }

    /** Three epochs of tasks a and b, task a weighted {@code first} then {@code later}. */
    private static TrainingRun weighted(double first, double later) {
        TrainingHistory history = TrainingHistory.empty(List.of("a", "b"));
        for (int e = 1; e <= 3; e++) {
            history = history.plus(List.of(), new EpochRecord(e, List.of(
                    new TaskEpoch("a", 1.0 / e, 1.0 / e, e == 1 ? first : later, Map.of()),
                    new TaskEpoch("b", 1.0 / e, 1.0 / e, 1, Map.of())), 0.5));
        }
        return new TrainingRun(history, 3, "cpu()", 1.5, false);
    }

    @Test
    void weightPanelsOnlyWhenSomeWeightIsNotOne() {
        TrainingHistory equal = TrainingHistory.empty(List.of("a")).plus(List.of(),
                new EpochRecord(1, List.of(new TaskEpoch("a", 1, 1, 1, Map.of())), 0.1));

        RunComparison comparison = Charts.compare(Map.of("equal",
                new TrainingRun(equal, 1, "cpu()", 0.1, false)));

        assertThat(comparison.chart().panels()).extracting(XYChart::getTitle)
                .containsExactly("validation loss: a");
    }

    @Test
    void runsWithoutAValidationSplitHaveNoEmptyValidationColumn() {
        TrainingHistory noValidation = TrainingHistory.empty(List.of("a")).plus(List.of(),
                new EpochRecord(1, List.of(new TaskEpoch("a", 1, Double.NaN, 1, Map.of())), 0.1));

        RunComparison comparison = Charts.compare(Map.of("quiet",
                new TrainingRun(noValidation, 1, "cpu()", 0.1, false)));

        assertThat(comparison.table().columnNames()).containsExactly("run", "task", "train_loss",
                "weight", "seconds", "seconds_per_epoch");
        assertThat(comparison.chart().panels()).extracting(XYChart::getTitle)
                .containsExactly("train loss: a");
    }

    @Test
    void theRunsAreNamedOnceInALegendAtTheRightOfAllPanels() {
        RunComparison comparison = Charts.compare(runs());
        ChartGrid figure = comparison.chart();

        assertThat(figure.sharedLegend()).isTrue();
        assertThat(figure.panels()).allSatisfy(p ->
                assertThat(p.getStyler().isLegendVisible()).isFalse());
        assertThat(figure.legend().names()).containsExactlyElementsOf(comparison.runs().keySet());
        assertThat(figure.image().getWidth()).isEqualTo(
                figure.columns() * RunComparison.PANEL_WIDTH + figure.legend().width());
        assertThat(figure.legend().width()).isPositive();
    }

    @Test
    void runsPastTheTenthAreDashed() {
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            runs.put("run " + i, run(1 + i));
        }

        XYChart loss = Charts.compare(runs).chart().panels().get(0);

        assertThat(loss.getSeriesMap().get("run 9").getLineStyle()).isEqualTo(SeriesLines.SOLID);
        assertThat(loss.getSeriesMap().get("run 10").getLineStyle())
                .isEqualTo(SeriesLines.DASH_DASH);
    }

    @Test
    void tableHasTheLastEpochPerRunAndTaskAndTheEpochTimeAfterWarmUp() {
        Map<String, TrainingRun> runs = runs();
        runs.put("mgda", runs.get("mgda").withSingleTask(run(2)));

        Table table = Charts.compare(runs).table();

        assertThat(table.columnNames()).containsExactly("run", "task", "train_loss",
                "validation_loss", "weight", "accuracy", "Δ accuracy", "seconds",
                "seconds_per_epoch");
        assertThat(table.rowCount()).isEqualTo(4);
        assertThat(table.stringColumn("run").asList()).containsExactly("equal", "equal", "mgda",
                "mgda");
        assertThat(table.doubleColumn("validation_loss").get(3)).isEqualTo(0.5 * 4 / 3);
        assertThat(table.doubleColumn("Δ accuracy").get(2)).isEqualTo(0.0);
        assertThat(table.doubleColumn("Δ accuracy").isMissing(0)).isTrue();
        assertThat(table.doubleColumn("seconds_per_epoch").get(0))
                .isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void noRunsIsRejected() {
        assertThatThrownBy(() -> Charts.compare(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Charts.compare() needs at least one run. Received: runs={}. Pass a"
                        + " map of names to model.fit(...) results.");
    }
}
