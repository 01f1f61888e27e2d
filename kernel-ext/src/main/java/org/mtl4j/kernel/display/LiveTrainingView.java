package org.mtl4j.kernel.display;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.mtl4j.plot.ChartText;
import org.mtl4j.plot.Charts;
import org.mtl4j.plot.FixedWeights;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitInfo;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.StepProgress;
import org.mtl4j.train.StopReason;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;

/**
 * The live view of a fit in a notebook, as two outputs updated in place ({@code
 * update_display_data}, one display id each):
 *
 * <ol>
 *   <li>progress: a bar, {@link ProgressLine} (epoch of this fit, step, steps/s, elapsed and left
 *       time) and the latest per-task losses (of a step, or an epoch's mean at epoch ends),
 *       refreshed at most every half second on the training thread (well under a millisecond),
 *       and a closing line saying whether the fit finished, was interrupted or stopped early;
 *   <li>charts: the loss (log scale) and task-weight charts, shown from the first epoch's data on
 *       (never empty axes; at the earliest a second into the fit) and sent again only when they
 *       were redrawn with new epochs. They are drawn on a separate thread, at most every two
 *       seconds and at most 2% of the time (waiting 50 times as long as the last drawing took), so
 *       training never waits for them and a busy machine loses little to them. None is drawn
 *       while the time estimate says the fit ends within two seconds (its final charts follow),
 *       so a fit of two or three seconds draws its charts once. Weights that never changed
 *       ({@code equal()}, fixed {@code weights(...)}) are a line of text, not a chart of flat
 *       lines ({@link FixedWeights}). The last epochs are drawn after the fit: in the mtl4j
 *       kernel {@code fit()} returns at once and the cell waits for that drawing ({@link
 *       PendingOutputs}); elsewhere {@code fit()} draws them before it returns.
 * </ol>
 *
 * The last updates stay in the saved notebook, with the share of the training time the view held
 * training up ({@code LiveViewBenchmark} in the experiments module measures the cost against
 * quiet fits).
 *
 * <p>Example: installed by the mtl4j extension; every {@code model.fit(...)} without {@code
 * quiet()} in a notebook shows it.
 */
public final class LiveTrainingView implements FitListener {

    private static final long TEXT_EVERY_NANOS = 500_000_000L;
    private static final long FIRST_CHART_NANOS = 1_000_000_000L;
    private static final long MIN_CHART_GAP_NANOS = 2_000_000_000L;
    private static final int CHART_DUTY_FACTOR = 50;
    private static final double NO_CHART_BEFORE_END_SECONDS = 2.0;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final DisplaySink sink;
    /** One painter thread, which ends after a second without work (so a failed fit leaks none). */
    private final ThreadPoolExecutor painter = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "mtl4j-live-view");
                thread.setDaemon(true);
                return thread;
            });
    private Future<?> painting = CompletableFuture.completedFuture(null);
    private String progressId;
    private volatile String chartsId;
    private FitInfo info;
    private long start;
    private long spent;
    private long lastText;
    private long anchorNanos;
    private int anchorStep;
    private double rate = Double.NaN;
    private int drawnEpochs = -1;
    private volatile long nextChartNanos;
    private String progressHtml = "";
    private String progressText = "";
    private int progressUpdates;
    private volatile int chartUpdates;
    private volatile long bytesSent;
    private volatile long drawingCpu;

    /** A view that displays through {@code kernel}. */
    public LiveTrainingView(BaseKernel kernel) {
        this(DisplaySink.of(kernel));
    }

    /** A view that sends its outputs to {@code sink}. */
    public LiveTrainingView(DisplaySink sink) {
        this.sink = sink;
    }

    /** Says, in its own output, which fit this one waits for (one fit at a time per JVM). */
    @Override
    public void fitWaiting(String runningFit) {
        String text = "Waiting for " + runningFit + " to end: mtl4j trains one model at a time"
                + " per JVM.";
        DisplayData waiting = new DisplayData(text);
        waiting.putHTML("<div class=\"mtl4j-state\">" + Html.escape(text) + "</div>");
        send(null, waiting);
    }

    @Override
    public void fitStarted(FitInfo info) {
        long began = System.nanoTime();
        this.info = info;
        this.start = began;
        this.nextChartNanos = began + FIRST_CHART_NANOS;
        progress(info.firstEpoch(), 0, Double.NaN, null);
        DisplayData data = progressData();
        progressId = UUID.randomUUID().toString();
        data.setDisplayId(progressId);
        send(null, data);
        spent += System.nanoTime() - began;
    }

    @Override
    public void stepEnded(StepProgress step) {
        long now = System.nanoTime();
        if (now - lastText < TEXT_EVERY_NANOS) {
            return;
        }
        lastText = now;
        if (anchorNanos == 0) {
            anchorNanos = now;
            anchorStep = step.fitStep();
        } else if (step.fitStep() > anchorStep) {
            rate = (step.fitStep() - anchorStep) / ((now - anchorNanos) / 1e9);
        }
        progress(step.epoch(), step.step(), secondsLeft(step.fitStep()), step.losses());
        send(progressId, progressData());
        spent += System.nanoTime() - now;
    }

    @Override
    public void epochEnded(EpochRecord epoch, TrainingHistory history) {
        long now = System.nanoTime();
        long done = (long) (epoch.epoch() - info.firstEpoch() + 1) * info.stepsPerEpoch();
        if (painting.isDone() && now >= nextChartNanos && !endsSoon(done)) {
            int epochs = history.epochs().size();
            painting = painter.submit(() -> drawCharts(history, epochs));
        }
        if (now - lastText >= TEXT_EVERY_NANOS) {
            double[] losses = epoch.tasks().stream().mapToDouble(TaskEpoch::trainLoss).toArray();
            progress(epoch.epoch(), info.stepsPerEpoch(), secondsLeft(done), losses);
            send(progressId, progressData());
            lastText = System.nanoTime();
        }
        spent += System.nanoTime() - now;
    }

    @Override
    public void fitEnded(TrainingRun run) {
        long now = System.nanoTime();
        double trained = (now - start) / 1e9;
        TrainingHistory history = run.history();
        int last = history.isEmpty() ? info.firstEpoch() : history.lastEpoch().epoch();
        double[] losses = history.isEmpty() ? null
                : history.lastEpoch().tasks().stream().mapToDouble(TaskEpoch::trainLoss)
                        .toArray();
        progress(Math.max(last, info.firstEpoch()), info.stepsPerEpoch(), Double.NaN, losses);
        if (sink.awaitsPendingOutputs()) {
            PendingOutputs.add(painter.submit(() -> drawLast(history)));
            painter.shutdown();
        } else {
            finishPainting();
            drawLast(history);
            painter.shutdown();
        }
        spent += System.nanoTime() - now;
        String note = closingNote(run, trained);
        progressHtml += "<div class=\"mtl4j-state\">" + Html.escape(note) + "</div>";
        progressText += "\n" + note;
        send(progressId, progressData());
    }

    /** Draws the charts of the whole history unless they are drawn already. */
    private void drawLast(TrainingHistory history) {
        try {
            if (!history.isEmpty() && history.epochs().size() != drawnEpochs) {
                drawCharts(history, history.epochs().size());
            }
        } catch (RuntimeException e) {
            chartsFailed(e);
        }
    }

    private void chartsFailed(Throwable e) {
        DisplayData failed = new DisplayData("(charts failed: " + e + ")");
        failed.putHTML("<div>(charts failed: " + Html.escape(e) + ")</div>");
        sendCharts(failed);
    }

    /** Nanoseconds the training thread spent in this view so far. */
    public long spentNanos() {
        return spent;
    }

    /**
     * CPU nanoseconds the drawing thread spent on the charts so far (building, painting,
     * encoding and handing them to the sink), to add to {@link #spentNanos()} for the view's own
     * cost.
     */
    public long drawingCpuNanos() {
        return drawingCpu;
    }

    /** Updates sent of the progress output (after the first display). */
    public int progressUpdates() {
        return progressUpdates;
    }

    /** Times the charts were sent (first display and updates). */
    public int chartUpdates() {
        return chartUpdates;
    }

    /** Bytes of all data sent (text, HTML and images, as strings). */
    public long bytesSent() {
        return bytesSent;
    }

    private String closingNote(TrainingRun run, double trained) {
        String state;
        if (run.interrupted()) {
            state = String.format(Locale.ROOT, "Interrupted after %d of %d epochs",
                    run.epochsRun(), info.epochs());
        } else if (run.epochsRun() < info.epochs()
                || run.stopReason().kind() != StopReason.Kind.COMPLETED) {
            state = String.format(Locale.ROOT, "Stopped early after %d of %d epochs (%s)",
                    run.epochsRun(), info.epochs(), run.stopReason());
        } else {
            state = String.format(Locale.ROOT, "Done: %d epoch%s", run.epochsRun(),
                    run.epochsRun() == 1 ? "" : "s");
        }
        if (run.stopReason().kind() == StopReason.Kind.COMPLETED
                && run.stopReason().restoredEpoch() > 0) {
            state += " (" + run.stopReason() + ")";
        }
        if (run.skippedSteps() > 0) {
            state += "; " + run.skippedSteps() + " steps skipped for non-finite values";
        }
        if (info.firstEpoch() > 1 && run.epochsRun() > 0) {
            state += String.format(Locale.ROOT, " (model epochs %d–%d)", info.firstEpoch(),
                    info.firstEpoch() + run.epochsRun() - 1);
        }
        return state + String.format(Locale.ROOT, " in %.1f s; this view held training up for"
                + " %.1f%% of it", trained, 100.0 * spent / 1e9 / Math.max(trained, 1e-9));
    }

    /**
     * Whether the fit is estimated to end within {@link #NO_CHART_BEFORE_END_SECONDS}: its final
     * charts follow so soon that drawing the charts now would only cost time.
     */
    private boolean endsSoon(long fitStepsDone) {
        double left = secondsLeft(fitStepsDone);
        return !Double.isNaN(left) && left < NO_CHART_BEFORE_END_SECONDS;
    }

    private double secondsLeft(long fitStepsDone) {
        if (Double.isNaN(rate) || rate <= 0) {
            return Double.NaN;
        }
        long all = (long) info.epochs() * info.stepsPerEpoch();
        return Math.max(0, all - fitStepsDone) / rate;
    }

    /** Waits for the painter (even when this thread was interrupted, which stopped the fit). */
    private void finishPainting() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    painting.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    chartsFailed(e.getCause());
                    break;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Draws and sends the charts of {@code history} (its first {@code epochs} epochs). */
    private void drawCharts(TrainingHistory history, int epochs) {
        long began = System.nanoTime();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        var loss = Charts.loss(history, Charts.Scale.LOG);
        String text = ChartText.of(loss);
        String images = Html.image(loss);
        Optional<String> fixed = FixedWeights.of(history);
        if (fixed.isEmpty()) {
            var weights = Charts.weights(history);
            text += "\n" + ChartText.of(weights);
            images += Html.image(weights);
        }
        if (!history.conflicts().isEmpty()) {
            // the conflict monitor's task × task cosines of the latest epoch
            var conflicts = org.mtl4j.plot.ConflictCharts.heatmap(history);
            text += "\n" + ChartText.of(conflicts);
            images += Html.image(conflicts);
        }
        String note = fixed.map(weights -> "Task weights: " + weights + " (not charted).")
                .orElse("");
        DisplayData data = new DisplayData(note.isEmpty() ? text : text + "\n" + note);
        data.putHTML("<div class=\"mtl4j-charts\">" + images + (note.isEmpty() ? ""
                : "<div class=\"mtl4j-weights\">" + Html.escape(note) + "</div>") + "</div>");
        drawnEpochs = epochs;
        sendCharts(data);
        drawingCpu += THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long took = System.nanoTime() - began;
        nextChartNanos = System.nanoTime()
                + Math.max(MIN_CHART_GAP_NANOS, CHART_DUTY_FACTOR * took);
    }

    private synchronized void sendCharts(DisplayData data) {
        if (chartsId == null) {
            chartsId = UUID.randomUUID().toString();
            data.setDisplayId(chartsId);
            send(null, data);
        } else {
            send(chartsId, data);
        }
        chartUpdates++;
    }

    private synchronized void send(String id, DisplayData data) {
        bytesSent += size(data);
        if (id == null) {
            sink.display(data);
        } else {
            sink.update(id, data);
            if (id.equals(progressId)) {
                progressUpdates++;
            }
        }
    }

    private static long size(DisplayData data) {
        long bytes = 0;
        for (var type : List.of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN,
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)) {
            Object value = data.getData(type);
            bytes += value == null ? 0 : String.valueOf(value).length();
        }
        return bytes;
    }

    private void progress(int epoch, int step, double left, double[] losses) {
        int fitEpoch = epoch - info.firstEpoch() + 1;
        long done = (long) (fitEpoch - 1) * info.stepsPerEpoch() + step;
        long all = Math.max(1L, (long) info.epochs() * info.stepsPerEpoch());
        double elapsed = (System.nanoTime() - start) / 1e9;
        String text = ProgressLine.of(fitEpoch, info.epochs(), epoch, step, info.stepsPerEpoch(),
                rate, elapsed, left);
        StringBuilder lossText = new StringBuilder();
        List<String> tasks = info.tasks();
        for (int t = 0; losses != null && t < tasks.size(); t++) {
            if (!Double.isNaN(losses[t])) {
                lossText.append(String.format(Locale.ROOT, "%s %.4g  ", tasks.get(t), losses[t]));
            }
        }
        String lossLine = lossText.toString().strip();
        progressText = text + (lossLine.isEmpty() ? "" : "\nloss: " + lossLine);
        progressHtml = "<div class=\"mtl4j-progress\"><progress value=\"" + done + "\" max=\""
                + all + "\" style=\"width:60%\"></progress> " + (100 * done / all) + "%<br/>"
                + Html.escape(text) + (lossLine.isEmpty() ? ""
                        : "<br/><code>loss: " + Html.escape(lossLine) + "</code>") + "</div>";
    }

    private DisplayData progressData() {
        DisplayData data = new DisplayData(progressText);
        data.putHTML(progressHtml);
        return data;
    }
}
