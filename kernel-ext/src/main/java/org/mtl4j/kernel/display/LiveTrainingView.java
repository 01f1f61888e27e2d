package org.mtl4j.kernel.display;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mtl4j.kernel.Mtl4jKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.mtl4j.plot.Charts;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitInfo;
import org.mtl4j.train.StepProgress;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingListener;
import org.mtl4j.train.TrainingRun;

/**
 * The live view of a fit in a notebook: one output with a progress bar (epoch, step, rate,
 * elapsed and remaining time, the latest per-task losses) above the loss and task-weight charts,
 * updated in place ({@code update_display_data} with one display id). The text is refreshed at
 * most every half second on the training thread (a few milliseconds); the charts are drawn at
 * epoch ends on a separate thread, skipping epochs while a drawing is still under way, so training
 * never waits for them. The last update (at the end of the fit, with every epoch drawn) stays in
 * the saved notebook, with the share of the training time the view held training up.
 *
 * <p>Example: installed by the mtl4j extension; every {@code model.fit(...)} without {@code
 * quiet()} in a notebook shows it.
 */
public final class LiveTrainingView implements TrainingListener {

    private static final long TEXT_EVERY_NANOS = 500_000_000L;

    private final BaseKernel kernel;
    /** One painter thread, which ends after a second without work (so a failed fit leaks none). */
    private final ThreadPoolExecutor painter = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "mtl4j-live-view");
                thread.setDaemon(true);
                return thread;
            });
    private Future<?> painting = CompletableFuture.completedFuture(null);
    private volatile String id;
    private FitInfo info;
    private long start;
    private long spent;
    private long lastText;
    private volatile String progressHtml = "";
    private volatile String progressText = "";
    private volatile String charts = "";
    private int updates;

    /** A view that displays through {@code kernel}. */
    public LiveTrainingView(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void fitStarted(FitInfo info) {
        long began = System.nanoTime();
        this.info = info;
        this.start = began;
        progress(info.firstEpoch(), 0, 0, Double.NaN, null);
        DisplayData data = data();
        id = java.util.UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        painting = painter.submit(() -> drawCharts(TrainingHistory.empty(info.tasks())));
        spent += System.nanoTime() - began;
    }

    @Override
    public void stepEnded(StepProgress step) {
        long now = System.nanoTime();
        if (now - lastText < TEXT_EVERY_NANOS) {
            return;
        }
        lastText = now;
        progress(step.epoch(), step.step(), step.stepsPerSecond(), step.secondsLeft(),
                step.losses());
        update();
        spent += System.nanoTime() - now;
    }

    @Override
    public void epochEnded(EpochRecord epoch, TrainingHistory history) {
        long now = System.nanoTime();
        if (painting.isDone()) {
            painting = painter.submit(() -> {
                drawCharts(history);
                update();
            });
        }
        double[] losses = epoch.tasks().stream().mapToDouble(TaskEpoch::trainLoss).toArray();
        progress(epoch.epoch(), info.stepsPerEpoch(), Double.NaN, Double.NaN, losses);
        update();
        lastText = System.nanoTime();
        spent += lastText - now;
    }

    @Override
    public void fitEnded(TrainingRun run) {
        double trained = (System.nanoTime() - start) / 1e9;
        finishPainting();
        drawCharts(run.history());
        int last = run.history().isEmpty() ? info.firstEpoch() : run.history().lastEpoch().epoch();
        double[] losses = run.history().isEmpty() ? null
                : run.history().lastEpoch().tasks().stream().mapToDouble(TaskEpoch::trainLoss)
                        .toArray();
        progress(last, info.stepsPerEpoch(), Double.NaN, 0, losses);
        String note = String.format(Locale.ROOT, "%s after %d epoch%s in %.1f s; this view held"
                        + " training up for %.1f%% of it (%d updates)",
                run.interrupted() ? "Interrupted" : "Done", run.epochsRun(),
                run.epochsRun() == 1 ? "" : "s", trained, 100.0 * spent / 1e9 / trained,
                updates + 1);
        progressHtml += "<div>" + Html.escape(note) + "</div>";
        progressText += "\n" + note;
        update();
    }

    /** Nanoseconds the training thread spent in this view so far. */
    public long spentNanos() {
        return spent;
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
                    charts = "<div>(charts failed: " + Html.escape(e.getCause()) + ")</div>";
                    break;
                }
            }
        } finally {
            painter.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drawCharts(TrainingHistory history) {
        charts = Html.image(Charts.loss(history, Charts.Scale.LOG))
                + Html.image(Charts.weights(history));
    }

    private void progress(int epoch, int step, double rate, double left, double[] losses) {
        int epochs = info.firstEpoch() - 1 + info.epochs();
        long done = (long) (epoch - info.firstEpoch()) * info.stepsPerEpoch() + step;
        long all = Math.max(1L, (long) info.epochs() * info.stepsPerEpoch());
        double elapsed = (System.nanoTime() - start) / 1e9;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d, step %d/%d", epoch, epochs, step, info.stepsPerEpoch()));
        if (!Double.isNaN(rate)) {
            text.append(String.format(Locale.ROOT, ", %.0f steps/s", rate));
        }
        text.append(", ").append(clock(elapsed)).append(" elapsed");
        if (!Double.isNaN(left)) {
            text.append(", ").append(clock(left)).append(" left");
        }
        StringBuilder lossText = new StringBuilder();
        List<String> tasks = info.tasks();
        for (int t = 0; losses != null && t < tasks.size(); t++) {
            if (!Double.isNaN(losses[t])) {
                lossText.append(String.format(Locale.ROOT, "%s %.4g  ", tasks.get(t), losses[t]));
            }
        }
        progressText = text + (lossText.length() > 0 ? "\n" + lossText.toString().strip() : "");
        progressHtml = "<div class=\"mtl4j-progress\"><progress value=\"" + done + "\" max=\""
                + all + "\" style=\"width:60%\"></progress> " + (100 * done / all) + "%<br/>"
                + Html.escape(text) + "<br/><code>" + Html.escape(lossText.toString().strip())
                + "</code></div>";
    }

    private DisplayData data() {
        DisplayData data = new DisplayData(progressText);
        data.putHTML(progressHtml + charts);
        return data;
    }

    private synchronized void update() {
        if (id != null) {
            if (kernel instanceof Mtl4jKernel mtl4j) {
                mtl4j.updateDisplay(id, data());
            } else {
                kernel.getIO().display.updateDisplay(id, data());
            }
            updates++;
        }
    }

    private static String clock(double seconds) {
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
