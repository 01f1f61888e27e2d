package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.kernel.display.LiveTrainingViewTest.Recorder;
import org.mtl4j.kernel.display.LiveTrainingViewTest.Sent;
import org.mtl4j.train.FitOption;

/** The live view adds the conflict monitor's heat map when the fit records one. */
class LiveConflictViewTest {

    private static Sent lastCharts(FitOption... monitor) {
        Recorder recorder = new Recorder();
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2")).trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .build()) {
            FitOption[] options = new FitOption[3 + monitor.length];
            options[0] = epochs(2);
            options[1] = listener(new LiveTrainingView(recorder));
            options[2] = quiet();
            System.arraycopy(monitor, 0, options, 3, monitor.length);
            model.fit(SeedExample.table(200, 2, 3), options);
        }
        List<Sent> charts = recorder.sent.stream()
                .filter(s -> s.text() != null && s.text().startsWith("Loss per task")).toList();
        return charts.get(charts.size() - 1);
    }

    @Test
    void aMonitoredFitShowsTheLatestEpochsHeatmapBesideTheOtherCharts() {
        Sent charts = lastCharts(conflictMonitor());

        assertThat(charts.text()).contains("\nGradient cosine between tasks, epoch 2");
        // the loss chart and the heat map (equal() weights are a line of text, not a chart)
        assertThat(charts.html().split("<img", -1)).hasSize(3);
    }

    @Test
    void anUnmonitoredFitShowsNoHeatmap() {
        Sent charts = lastCharts();

        assertThat(charts.text()).doesNotContain("Gradient cosine");
        assertThat(charts.html().split("<img", -1)).hasSize(2);
    }
}
