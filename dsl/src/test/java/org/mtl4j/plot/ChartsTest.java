package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;

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
                "a (train)", "a (validation)", "b (train)", "b (validation)");
        assertThat(series.get("b (train)").getYData()).containsExactly(2.0, 1.0, 2.0 / 3);
        assertThat(series.get("a (validation)").getXData()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.get("a (validation)").getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);
        assertThat(series.get("a (train)").getLineStyle()).isEqualTo(SeriesLines.SOLID);
        assertThat(series.get("b (validation)").getLineColor()).isEqualTo(TaskColors.of(1));
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
    }

    @Test
    void weightChartHasEveryStep() {
        XYChart chart = Charts.weights(history());

        XYSeries b = chart.getSeriesMap().get("b");
        assertThat(b.getXData()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(b.getYData()).containsExactly(0.5, 0.5, 1.0, 1.0, 1.5, 1.5);
    }

    @Test
    void metricChartHasEachTasksMetrics() {
        XYChart chart = Charts.metrics(history());

        assertThat(chart.getSeriesMap().keySet()).containsExactly("a mae", "b accuracy");
        assertThat(chart.getSeriesMap().get("b accuracy").getYData())
                .containsExactly(0.6, 0.7, 0.8);
    }

    @Test
    void savesPngAndSvg(@TempDir Path folder) throws Exception {
        Path png = ChartFiles.savePng(Charts.loss(history()), folder.resolve("charts/loss.png"));
        Path svg = ChartFiles.saveSvg(Charts.weights(history()), folder.resolve("weights.svg"));

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
