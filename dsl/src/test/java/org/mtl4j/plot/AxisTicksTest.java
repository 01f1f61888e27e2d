package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.RenderedTicks;
import org.knowm.xchart.internal.chartpart.RenderedTicks.Tick;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;

@Tag("unit")
class AxisTicksTest {

    /** {@code epochs} epochs of {@code stepsPerEpoch} steps; losses from {@code first} to last. */
    static TrainingHistory history(int epochs, int stepsPerEpoch, double first, double last) {
        TrainingHistory history = TrainingHistory.empty(List.of("a", "b"));
        int step = 0;
        for (int e = 1; e <= epochs; e++) {
            List<StepRecord> steps = new ArrayList<>();
            for (int s = 0; s < stepsPerEpoch; s++) {
                step++;
                double w = 1 + 0.5 * Math.sin(step * 0.7);
                steps.add(new StepRecord(step, e, new double[] {1, 1}, new double[] {w, 2 - w}));
            }
            double loss = epochs == 1 ? first
                    : first * Math.pow(last / first, (e - 1) / (double) (epochs - 1));
            history = history.plus(steps, new EpochRecord(e, List.of(
                    new TaskEpoch("a", loss, Double.NaN, 1, Map.of("accuracy", 0.5)),
                    new TaskEpoch("b", loss * 2, Double.NaN, 1, Map.of("mae", 300.0))), 0.1));
        }
        return history;
    }

    private static void assertReadable(XYChart chart, List<Tick> ticks, boolean vertical) {
        assertThat(ticks).as("labelled ticks").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < ticks.size(); i++) {
            double gap = Math.abs(ticks.get(i).position() - ticks.get(i - 1).position());
            double room = vertical ? RenderedTicks.height(chart)
                    : (RenderedTicks.width(chart, ticks.get(i).label())
                            + RenderedTicks.width(chart, ticks.get(i - 1).label())) / 2;
            assertThat(gap).as("gap between %s and %s", ticks.get(i - 1), ticks.get(i))
                    .isGreaterThan(room + 4);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1_000, 10_000, 100_000})
    void stepAxesHaveAtLeastThreeWholeNumberLabelsThatNeverOverlap(int steps) {
        XYChart chart = Charts.weights(history(10, steps / 10, 1, 0.5));

        List<Tick> ticks = RenderedTicks.x(chart);

        assertReadable(chart, ticks, false);
        assertThat(ticks).allSatisfy(t -> assertThat(t.label()).matches("-?[0-9][0-9,]*"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 30, 300})
    void epochAxesHaveAtLeastThreeWholeNumberLabels(int epochs) {
        XYChart chart = Charts.loss(history(epochs, 2, 1, 0.5));

        List<Tick> ticks = RenderedTicks.x(chart);

        assertReadable(chart, ticks, false);
        assertThat(ticks).allSatisfy(t -> assertThat(t.label()).matches("-?[0-9][0-9,]*"));
    }

    /** The y labels drawn on a log chart (by {@link LogAxisLabels}), bottom to top. */
    static List<Tick> drawnLogLabels(XYChart chart) {
        RenderedTicks.y(chart);
        return LogAxisLabels.drawnOn(chart).stream()
                .map(d -> new Tick(d.label(), d.y())).toList();
    }

    @ParameterizedTest
    @CsvSource({"0.9, 0.3", "0.45, 0.4", "2.0, 0.05", "5, 0.001", "0.401, 0.4", "0.5, 0.5",
            "1e6, 1e-6", "1e30, 1e-30", "0.2, 0.012"})
    void logLossAxesHaveAtLeastThreeRoundLabelsWhateverTheRange(double first, double last) {
        XYChart chart = Charts.loss(history(5, 2, first, last), Charts.Scale.LOG);

        List<Tick> ticks = drawnLogLabels(chart);

        assertReadable(chart, ticks, true);
        List<String> labels = ticks.stream().map(Tick::label).toList();
        assertThat(labels).doesNotHaveDuplicates();
        assertThat(labels).allSatisfy(l -> assertThat(Double.parseDouble(l)).isPositive());
        assertThat(labels).as("round values: one or two significant digits")
                .allSatisfy(l -> assertThat(l.replaceAll("e.*", "").replaceAll("[.0]", ""))
                        .hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void aLogAxisOverADecadeReadsRoundMantissas() {
        XYChart chart = Charts.loss(history(5, 2, 2.0, 0.15), Charts.Scale.LOG);

        List<String> labels = drawnLogLabels(chart).stream().map(Tick::label).toList();

        assertThat(labels).containsSubsequence("0.2", "0.5", "1", "2");
    }

    @Test
    void aNarrowLogAxisReadsRoundValuesWithinTheDecade() {
        XYChart chart = Charts.loss(history(5, 2, 0.9, 0.3), Charts.Scale.LOG);

        List<String> labels = drawnLogLabels(chart).stream().map(Tick::label).toList();

        assertThat(labels).contains("0.3", "0.4", "0.5").doesNotContain("0.631", "0.562");
    }

    @Test
    void aLogChartDrawsItsRoundLabelsInSvgToo(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path folder) throws Exception {
        XYChart chart = Charts.loss(history(5, 2, 2.0, 0.15), Charts.Scale.LOG);

        String svg = java.nio.file.Files.readString(
                ChartFiles.saveSvg(chart, folder.resolve("loss.svg")));

        assertThat(svg).contains("<svg", ">0.5<", ">2<");
    }

    @Test
    void logTicksThinToDecadesWhenTheAxisSpansMany() {
        assertThat(LogTicks.choose(-6, 0, 300, 28))
                .containsExactly(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);
        assertThat(LogTicks.choose(-30, 30, 300, 28)).hasSizeBetween(3, 11);
        assertThat(LogTicks.choose(Math.log10(0.4), Math.log10(0.401), 300, 28))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(LogTicks.label(0.30000000000000004)).isEqualTo("0.3");
    }

    @Test
    void integerLabelsOnlyForWholeNumbers() {
        assertThat(AxisTicks.integerLabel(3.0)).isEqualTo("3");
        assertThat(AxisTicks.integerLabel(2.5)).isEmpty();
        assertThat(AxisTicks.integerLabel(20_000)).isEqualTo("20,000");
        assertThat(AxisTicks.integerLabel(-10)).isEqualTo("-10");
    }

    @Test
    void aSingleValueIsWidenedAndNoDataGetsAUnitRange() {
        assertThat(AxisTicks.widen(3, 3, 1, 0, 1)).containsExactly(2, 4);
        assertThat(AxisTicks.widen(Double.NaN, Double.NaN, 1, 0, 1)).containsExactly(0, 1);
        assertThat(AxisTicks.widen(1, 5, 1, 0, 1)).containsExactly(1, 5);
    }

    @Test
    void anEmptyHistoryHasNoPlaceholderLabels() {
        XYChart chart = Charts.loss(TrainingHistory.empty(List.of("a")), Charts.Scale.LOG);

        List<String> labels = new ArrayList<>();
        RenderedTicks.y(chart).forEach(t -> labels.add(t.label()));
        RenderedTicks.x(chart).forEach(t -> labels.add(t.label()));

        assertThat(labels).noneMatch(l -> l.contains("E308"));
    }
}
