package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;

@Tag("unit")
class ChartsTest {

    private static TrainingHistory history() {
        TrainingHistory history = TrainingHistory.empty(List.of("a", "b"));
        for (int e = 1; e <= 3; e++) {
            List<StepRecord> steps = List.of(
                    new StepRecord(2 * e - 1, e, new double[] {1.0 / e, 2.0 / e},
                            new double[] {1, 0.5 * e}),
                    new StepRecord(2 * e, e, new double[] {0.9 / e, Double.NaN},
                            new double[] {1, 0.5 * e}));
            history = history.plus(steps, new EpochRecord(e, List.of(
                    new TaskEpoch("a", 1.0 / e, 1.5 / e, 1, Map.of("mae", 0.3 / e)),
                    new TaskEpoch("b", 2.0 / e, 2.5 / e, 0.5 * e, Map.of("accuracy", 0.5 + e / 10.0))),
                    0.1));
        }
        return history;
    }

    @Test
    void lossChartHasSolidTrainAndDashedValidationPerTaskInTheTaskColour() {
        XYChart chart = Charts.loss(history(), Charts.Scale.LOG);

        Map<String, XYSeries> series = chart.getSeriesMap();
        assertThat(series.keySet()).containsExactly(
                "a (train)", "a (validation)", "b (train)", "b (validation)",
                AxisTicks.RANGE_SERIES);
        assertThat(series.get("b (train)").getYData()).containsExactly(
                Math.log10(2.0), Math.log10(1.0), Math.log10(2.0 / 3));
        assertThat(chart.getYAxisTitle()).isEqualTo("loss (log scale)");
        assertThat(series.get("a (validation)").getXData()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.get("a (validation)").getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);
        assertThat(series.get("a (train)").getLineStyle()).isEqualTo(SeriesLines.SOLID);
        assertThat(series.get("b (validation)").getLineColor()).isEqualTo(TaskColors.of(1));
        assertThat(series.get(AxisTicks.RANGE_SERIES).isShowInLegend()).isFalse();
    }

    @Test
    void linearLossChartHasTheLossesThemselves() {
        XYChart chart = Charts.loss(history());

        assertThat(chart.getSeriesMap().get("b (train)").getYData())
                .containsExactly(2.0, 1.0, 2.0 / 3);
        assertThat(chart.getYAxisTitle()).isEqualTo("loss");
    }

    @Test
    void weightChartHasEveryStep() {
        XYChart chart = Charts.weights(history());

        XYSeries b = chart.getSeriesMap().get("b");
        assertThat(b.getXData()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(b.getYData()).containsExactly(0.5, 0.5, 1.0, 1.0, 1.5, 1.5);
    }

    /** {@code tasks} tasks weighted {@code weight} each at every one of 4 steps of 2 epochs. */
    private static TrainingHistory sameWeights(List<String> tasks, double... weights) {
        TrainingHistory history = TrainingHistory.empty(tasks);
        double[] losses = new double[tasks.size()];
        for (int e = 1; e <= 2; e++) {
            List<StepRecord> steps = List.of(new StepRecord(2 * e - 1, e, losses, weights),
                    new StepRecord(2 * e, e, losses, weights));
            history = history.plus(steps, new EpochRecord(e, tasks.stream()
                    .map(t -> new TaskEpoch(t, 1, Double.NaN, 1, Map.of())).toList(), 0.1));
        }
        return history;
    }

    @Test
    void equalWeightsAreOneNamedLineInsteadOfLinesHiddenUnderEachOther() {
        XYChart chart = Charts.weights(sameWeights(List.of("a", "b", "c"), 1, 1, 1));

        assertThat(chart.getTitle()).isEqualTo("Task weights (all tasks 1 at every step)");
        assertThat(chart.getSeriesMap().keySet()).containsExactly("all tasks (a, b, c)",
                AxisTicks.RANGE_SERIES);
        XYSeries all = chart.getSeriesMap().get("all tasks (a, b, c)");
        assertThat(all.getYData()).containsExactly(1.0, 1.0, 1.0, 1.0);
        assertThat(all.getLineColor()).isEqualTo(Theme.TEXT);
    }

    @Test
    void tasksWithTheSameWeightsShareALineNamedAfterThem() {
        XYChart chart = Charts.weights(sameWeights(List.of("a", "b", "c"), 1, 2, 1));

        assertThat(chart.getTitle()).isEqualTo("Task weights");
        assertThat(chart.getSeriesMap().keySet()).containsExactly("a = c", "b",
                AxisTicks.RANGE_SERIES);
        assertThat(chart.getSeriesMap().get("a = c").getLineColor()).isEqualTo(TaskColors.of(0));
    }

    @Test
    void manyEqualTasksAreCounted() {
        List<String> tasks = List.of("t1", "t2", "t3", "t4", "t5");
        XYChart chart = Charts.weights(sameWeights(tasks, 0.2, 0.2, 0.2, 0.2, 0.2));

        assertThat(chart.getSeriesMap()).containsKey("all 5 tasks");
        assertThat(chart.getTitle()).isEqualTo("Task weights (all tasks 0.2 at every step)");
    }

    @Test
    void weightsThatChangeOnlyAtEpochEndsAreDrawnAsTheyAre() {
        XYChart chart = Charts.weights(history());

        assertThat(chart.getTitle()).isEqualTo("Task weights");
        assertThat(chart.getSeriesMap().keySet()).containsExactly("a", "b",
                AxisTicks.RANGE_SERIES);
    }

    @Test
    void perStepWeightsGetAMovingMeanOverFaintRawPoints() {
        TrainingHistory history = AxisTicksTest.history(4, 25, 1, 0.5);

        XYChart chart = Charts.weights(history);

        int window = Charts.smoothingWindow(100);
        assertThat(window).isEqualTo(5);
        assertThat(chart.getTitle()).isEqualTo("Task weights (line: mean of 5 steps; dots: each"
                + " step)");
        XYSeries raw = chart.getSeriesMap().get("a (each step)");
        XYSeries line = chart.getSeriesMap().get("a");
        assertThat(raw.isShowInLegend()).isFalse();
        assertThat(raw.getMarkerColor().getAlpha()).isLessThan(100);
        assertThat(raw.getLineStyle()).isEqualTo(SeriesLines.NONE);
        double[] w = raw.getYData();
        assertThat(line.getYData()[10]).isCloseTo(
                (w[8] + w[9] + w[10] + w[11] + w[12]) / 5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(line.getYData()[0]).isCloseTo((w[0] + w[1] + w[2]) / 3,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(line.getLineColor()).isEqualTo(TaskColors.of(0));
    }

    @Test
    void longRunsAreThinnedForDrawingKeepingTheLastStep() {
        XYChart chart = Charts.weights(AxisTicksTest.history(10, 1000, 1, 0.5));

        double[] line = chart.getSeriesMap().get("a").getXData();
        double[] raw = chart.getSeriesMap().get("a (each step)").getXData();
        assertThat(line.length).isLessThanOrEqualTo(Charts.MAX_LINE_POINTS + 1);
        assertThat(raw.length).isLessThanOrEqualTo(Charts.MAX_RAW_POINTS + 1);
        assertThat(line[0]).isEqualTo(1.0);
        assertThat(line[line.length - 1]).isEqualTo(10_000.0);
        assertThat(chart.getTitle()).isEqualTo("Task weights (line: mean of 201 steps; dots: every"
                + " 10th step)");
        assertThat(Charts.ordinal(2) + Charts.ordinal(3) + Charts.ordinal(11) + Charts.ordinal(21))
                .isEqualTo("2nd3rd11th21st");
        assertThat(Charts.every(new double[] {1, 2, 3, 4, 5}, 2)).containsExactly(1, 3, 5);
        assertThat(Charts.every(new double[] {1, 2, 3, 4}, 2)).containsExactly(1, 3, 4);
    }

    @Test
    void smoothingWindowIsOddAndAboutTwoPercentOfTheSteps() {
        assertThat(Charts.smoothingWindow(20)).isEqualTo(5);
        assertThat(Charts.smoothingWindow(1000)).isEqualTo(21);
        assertThat(Charts.smoothingWindow(100_000)).isEqualTo(2001);
    }

    @Test
    void metricsGetOnePanelPerMetricWithOneLinePerTaskInItsColour() {
        ChartGrid grid = Charts.metrics(history());

        assertThat(grid.title()).isEqualTo("Metrics per task (validation)");
        assertThat(grid.panels()).extracting(XYChart::getTitle).containsExactly("mae", "accuracy");
        XYChart accuracy = grid.panels().get(1);
        assertThat(accuracy.getSeriesMap().keySet()).containsExactly("b", AxisTicks.RANGE_SERIES);
        assertThat(accuracy.getSeriesMap().get("b").getYData()).containsExactly(0.6, 0.7, 0.8);
        assertThat(accuracy.getSeriesMap().get("b").getLineColor()).isEqualTo(TaskColors.of(1));
        assertThat(grid.image().getWidth()).isEqualTo(2 * Charts.PANEL_WIDTH);
    }

    @Test
    void anEstimatedAucsErrorBoundGetsNoPanel() {
        TrainingHistory history = TrainingHistory.empty(List.of("a"));
        history = history.plus(List.of(new StepRecord(1, 1, new double[] {0.5},
                new double[] {1})), new EpochRecord(1, List.of(new TaskEpoch("a", 0.5,
                Double.NaN, 1, Map.of("auc", 0.9, "auc_max_error", 3e-5))), 0.1));

        assertThat(Charts.metrics(history).panels()).extracting(XYChart::getTitle)
                .containsExactly("auc");
        assertThat(history.metricNames()).containsExactly("auc", "auc_max_error");
    }

    @Test
    void chartTextGivesTitleSeriesAndLastValues() {
        String text = ChartText.of(Charts.loss(history(), Charts.Scale.LOG));

        assertThat(text).startsWith("Loss per task (epoch → loss (log scale))\n")
                .contains("  b (train): 3 points, last 0.6667 at epoch 3")
                .doesNotContain(AxisTicks.RANGE_SERIES.strip());
        assertThat(Charts.metrics(history()).toString()).contains("accuracy (epoch → accuracy)",
                "    b: 3 points, last 0.8 at epoch 3");
    }

    @Test
    void savesPngAndSvg(@TempDir Path folder) throws Exception {
        Path png = ChartFiles.savePng(Charts.loss(history()), folder.resolve("charts/loss.png"));
        Path svg = ChartFiles.saveSvg(Charts.weights(history()), folder.resolve("weights.svg"));
        Path grid = ChartFiles.savePng(Charts.metrics(history()), folder.resolve("charts/m.png"));
        assertThat(javax.imageio.ImageIO.read(grid.toFile()).getHeight()).isGreaterThan(
                Charts.PANEL_HEIGHT);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(Files.readString(svg)).contains("<svg");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("charts", "weights.svg");
        }
    }

    @Test
    void savesUnderTheExactNameGivenWhateverItsExtension(@TempDir Path folder) throws Exception {
        Path file = ChartFiles.savePng(Charts.loss(history()), folder.resolve("loss.PNG"));

        assertThat(file).isEqualTo(folder.resolve("loss.PNG"));
        assertThat(javax.imageio.ImageIO.read(file.toFile()).getHeight()).isEqualTo(Charts.HEIGHT);
        try (var files = Files.list(folder)) {
            assertThat(files).hasSize(1);
        }
    }
}
