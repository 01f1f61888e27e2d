package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitInfo;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;

class LiveTrainingViewTest {

    /** One message the view sent: a new output (id of the data) or an update of id. */
    record Sent(boolean isNew, String id, String text, String html) {}

    /** Records what a view sends, as the kernel would publish it. */
    static class Recorder implements DisplaySink {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public synchronized void display(DisplayData data) {
            sent.add(new Sent(true, data.getDisplayId(), (String) data.getData(MIMEType.TEXT_PLAIN),
                    (String) data.getData(MIMEType.TEXT_HTML)));
        }

        @Override
        public synchronized void update(String id, DisplayData data) {
            sent.add(new Sent(false, id, (String) data.getData(MIMEType.TEXT_PLAIN),
                    (String) data.getData(MIMEType.TEXT_HTML)));
        }

        synchronized List<Sent> of(String id) {
            return sent.stream().filter(s -> s.id().equals(id)).toList();
        }
    }

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x1", "x2")).trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .build();
    }

    @Test
    void progressAndChartsAreSeparateOutputsAndChartsComeWithTheFirstEpochAndOnlyWhenNew() {
        Recorder recorder = new Recorder();
        try (MultiTaskModel model = model()) {
            LiveTrainingView view = new LiveTrainingView(recorder);
            model.fit(SeedExample.table(200, 2, 3), epochs(3), batchSize(20), listener(view),
                    quiet());

            List<Sent> displays = recorder.sent.stream().filter(Sent::isNew).toList();
            assertThat(displays).hasSize(2);
            Sent progress = displays.get(0);
            Sent charts = displays.get(1);
            assertThat(progress.text()).startsWith("epoch 1/3, step 0/10 · estimating");
            assertThat(charts.text()).startsWith("Loss per task (epoch → loss (log scale))")
                    .doesNotContain("no data yet");
            assertThat(charts.html()).contains("data:image/png;base64,").doesNotContain("E308");
            List<String> chartHtml = recorder.of(charts.id()).stream().map(Sent::html).toList();
            assertThat(chartHtml).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
            assertThat(view.chartUpdates()).isEqualTo(chartHtml.size());
            List<Sent> progressSent = recorder.of(progress.id());
            assertThat(progressSent).allSatisfy(s -> assertThat(s.html()).doesNotContain("<img"));
            assertThat(progressSent.get(progressSent.size() - 1).text())
                    .contains("epoch 3/3, step 10/10", "loss: task1 ")
                    .contains("\nDone: 3 epochs in ").doesNotContain("left");
        }
    }

    @Test
    void aFitStoppedByAListenerSaysWhyInItsClosingLine() {
        Recorder recorder = new Recorder();
        try (MultiTaskModel model = model()) {
            LiveTrainingView view = new LiveTrainingView(recorder);
            FitListener stopAfterTwo = new FitListener() {
                private FitInfo info;

                @Override
                public void fitStarted(FitInfo info) {
                    this.info = info;
                }

                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    if (epoch.epoch() == 2) {
                        info.control().stopTraining("enough for this test");
                    }
                }
            };
            model.fit(SeedExample.table(200, 2, 3), epochs(5), batchSize(20), listener(view),
                    listener(stopAfterTwo), quiet());

            Sent progress = recorder.sent.stream().filter(Sent::isNew).findFirst().orElseThrow();
            List<Sent> progressSent = recorder.of(progress.id());
            assertThat(progressSent.get(progressSent.size() - 1).text()).contains(
                    "\nStopped early after 2 of 5 epochs (stopped on request after epoch 2:"
                            + " enough for this test) in ");
        }
    }

    @Test
    void inTheKernelTheLastChartsAreDrawnAfterFitReturnsAndTheCellWaitsForThem() {
        Recorder recorder = new Recorder() {
            @Override
            public boolean awaitsPendingOutputs() {
                return true;
            }
        };
        try (MultiTaskModel model = model()) {
            model.fit(SeedExample.table(200, 2, 3), epochs(2), batchSize(20),
                    listener(new LiveTrainingView(recorder)), quiet());
            assertThat(PendingOutputs.count()).isEqualTo(1);

            PendingOutputs.await();

            assertThat(PendingOutputs.count()).isZero();
            assertThat(recorder.sent.stream().filter(Sent::isNew)).hasSize(2);
            assertThat(recorder.sent.get(recorder.sent.size() - 1).text())
                    .startsWith("Loss per task").contains("task2 (train): 2 points");
        }
    }

    @Test
    void aSecondFitCountsItsOwnEpochsAndNamesTheModelsEpochs() {
        Recorder recorder = new Recorder();
        try (MultiTaskModel model = model()) {
            model.fit(SeedExample.table(200, 2, 3), epochs(3), batchSize(20), quiet());
            model.fit(SeedExample.table(200, 2, 3), epochs(2), batchSize(20),
                    listener(new LiveTrainingView(recorder)), quiet());

            Sent last = recorder.sent.stream().filter(s -> s.text().contains("Done")).findFirst()
                    .orElseThrow();
            assertThat(last.text()).startsWith("epoch 2/2 (model epoch 5), step 10/10")
                    .contains("Done: 2 epochs (model epochs 4–5) in ");
        }
    }

    @Test
    void anInterruptedFitSaysSo() {
        Recorder recorder = new Recorder();
        try (MultiTaskModel model = model()) {
            TrainingRun run = model.fit(SeedExample.table(200, 2, 3), epochs(50), batchSize(20),
                    listener(new LiveTrainingView(recorder)),
                    listener(new org.mtl4j.train.FitListener() {
                        @Override
                        public void epochEnded(org.mtl4j.train.EpochRecord epoch,
                                org.mtl4j.train.TrainingHistory history) {
                            if (epoch.epoch() == 2) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }), quiet());
            Thread.interrupted();

            assertThat(run.interrupted()).isTrue();
            Sent last = recorder.sent.get(recorder.sent.size() - 1);
            assertThat(last.text()).contains("Interrupted after 2 of 50 epochs")
                    .doesNotContain("left");
        }
    }

    @Test
    void weightsThatNeverChangeAreALineOfTextAndChangingOnesAChart() {
        Recorder fixed = new Recorder();
        Recorder learned = new Recorder();
        try (MultiTaskModel model = model()) {
            model.fit(SeedExample.table(200, 2, 3), epochs(2), batchSize(20),
                    listener(new LiveTrainingView(fixed)), quiet());
        }
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2")).trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .weighting(uncertainty()).build()) {
            model.fit(SeedExample.table(200, 2, 3), epochs(2), batchSize(20),
                    listener(new LiveTrainingView(learned)), quiet());
        }

        Sent equalCharts = lastCharts(fixed);
        assertThat(equalCharts.html()).containsOnlyOnce("data:image/png;base64,")
                .contains("Task weights: all tasks 1 at every step (not charted).");
        assertThat(equalCharts.text()).endsWith(
                "\nTask weights: all tasks 1 at every step (not charted).");
        Sent uncertaintyCharts = lastCharts(learned);
        assertThat(uncertaintyCharts.html().split("data:image/png;base64,", -1)).hasSize(3);
        assertThat(uncertaintyCharts.text()).contains("Task weights").doesNotContain("not charted");
    }

    @Test
    void aFitThatEndsWithinTwoSecondsOfItsFirstChartDrawsItsChartsOnceAtTheEnd() {
        // each epoch sleeps 100 ms: 12 epochs take about 1.2 s, so a second in, the estimate
        // says the fit ends within two seconds; 40 take about 4 s: charts at about 1 s and at
        // the end, none in the last two seconds
        for (int epochs : new int[] {12, 40}) {
            Recorder recorder = new Recorder();
            try (MultiTaskModel model = model()) {
                LiveTrainingView view = new LiveTrainingView(recorder);
                model.fit(SeedExample.table(200, 2, 3), epochs(epochs), batchSize(20),
                        listener(view), listener(sleepEachEpoch(100)), quiet());
                assertThat(view.chartUpdates()).as("chart updates of %d epochs", epochs)
                        .isEqualTo(epochs == 12 ? 1 : 2);
            }
        }
    }

    private static Sent lastCharts(Recorder recorder) {
        List<Sent> charts = recorder.sent.stream()
                .filter(s -> s.text().startsWith("Loss per task")).toList();
        return charts.get(charts.size() - 1);
    }

    private static FitListener sleepEachEpoch(long millis) {
        return new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Test
    void progressLineReadsRightBeforeAndAfterTheRateIsKnown() {
        assertThat(ProgressLine.of(1, 30, 1, 0, 40, Double.NaN, 0.2, Double.NaN))
                .isEqualTo("epoch 1/30, step 0/40 · estimating · 0:00 elapsed");
        assertThat(ProgressLine.of(2, 30, 32, 5, 40, 1234.4, 75, 3725))
                .isEqualTo("epoch 2/30 (model epoch 32), step 5/40 · 1,234 steps/s · 1:15 elapsed"
                        + " · 1:02:05 left");
        assertThat(ProgressLine.rate(85.24)).isEqualTo("85.2");
        assertThat(ProgressLine.rate(0.424)).isEqualTo("0.42");
    }
}
