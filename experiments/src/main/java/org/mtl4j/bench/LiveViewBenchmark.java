package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.kernel.display.DisplaySink;
import org.mtl4j.kernel.display.LiveTrainingView;
import org.mtl4j.kernel.display.PendingOutputs;
import org.mtl4j.train.FitOption;
import tech.tablesaw.api.Table;

/**
 * What the live training view costs a fit: the quickstart's model (five tasks, 10 → 20 trunk) is
 * fitted quietly and with the view, alternately, for fits of about 2 s and about 30 s (epochs
 * calibrated on this machine), and the median wall times are compared. The view's outputs go to a
 * sink that serialises them to JSON on its own thread, as the kernel's publisher does, and waits
 * for the last charts like the mtl4j kernel does at the end of a cell. Prints a Markdown table:
 * median quiet and viewed fit seconds, the difference in %, the training thread's time inside the
 * view in %, the difference until the last charts were sent (what the cell takes), bytes sent,
 * progress and chart updates, and the view's own CPU time (training thread, drawing thread,
 * serialisation; median) as a share of the quiet fit's process CPU: a direct measure, where the
 * process CPU difference of two medians also carries the machine's noise and the JIT's.
 *
 * <p>Run: {@code experiments/bench/live-view.sh [reps-2s] [reps-30s]} (defaults 7 and 3).
 */
public final class LiveViewBenchmark {

    private LiveViewBenchmark() {}

    /** Serialises every output to JSON on one thread, like the kernel's publisher. */
    static final class JsonSink implements DisplaySink, AutoCloseable {
        private final ExecutorService publisher = Executors.newSingleThreadExecutor();
        private final Gson gson = new Gson();
        private volatile long bytes;
        private volatile long cpuNanos;

        @Override
        public void display(DisplayData data) {
            publisher.submit(() -> serialise(data));
        }

        @Override
        public void update(String id, DisplayData data) {
            publisher.submit(() -> serialise(data));
        }

        private void serialise(DisplayData data) {
            long before = THREADS.getCurrentThreadCpuTime();
            bytes += gson.toJson(data).length();
            cpuNanos += THREADS.getCurrentThreadCpuTime() - before;
        }

        @Override
        public boolean awaitsPendingOutputs() {
            return true;
        }

        @Override
        public void close() throws InterruptedException {
            publisher.shutdown();
            publisher.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /**
     * A fit's wall time, and until the view's last charts were drawn (the cell's end); the
     * process CPU (all threads) until then.
     */
    record Fit(double seconds, double withCharts, double cpuSeconds, LiveTrainingView view,
            long jsonBytes, long jsonCpuNanos) {

        /**
         * CPU seconds of the view's own work: its time on the training thread, the drawing
         * thread's charts and the outputs' serialisation (JIT compilation and garbage
         * collection of that work are not in it; the process CPU difference is).
         */
        double viewCpuSeconds() {
            return (view.spentNanos() + view.drawingCpuNanos() + jsonCpuNanos) / 1e9;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int reps2 = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int reps30 = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String startLoad = loadAverage();
        Table data = SeedExample.table(2000, 5, 42);
        for (int warm = 0; warm < 3; warm++) {
            fit(data, 20, false);
            fit(data, 20, true);
        }
        double perEpoch = fit(data, 40, false).seconds() / 40;
        System.out.printf(Locale.ROOT, "Calibration: %.3f s per epoch of the quickstart model"
                + " (1 600 rows, batch 64, 25 steps)%n%n", perEpoch);
        System.out.println("| target | epochs | reps | quiet fit (median s) | with live view"
                + " (median s) | cost of fit() | training thread in view | cost until the last"
                + " charts are sent | process CPU, quiet / with view (median s) | process CPU"
                + " cost | A/A: a second quiet fit's process CPU | the view's own CPU | bytes"
                + " sent | progress updates | chart updates |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (double target : new double[] {2, 30}) {
            int epochs = Math.max(1, (int) Math.round(target / perEpoch));
            int reps = target < 10 ? reps2 : reps30;
            List<Double> quiet = new ArrayList<>();
            List<Double> viewed = new ArrayList<>();
            List<Double> drawn = new ArrayList<>();
            List<Double> quietCpu = new ArrayList<>();
            List<Double> viewedCpu = new ArrayList<>();
            List<Double> secondQuietCpu = new ArrayList<>();
            List<Fit> fits = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                Fit plain = fit(data, epochs, false);
                quiet.add(plain.seconds());
                quietCpu.add(plain.cpuSeconds());
                // the A/A control: the same quiet fit again, as far from the first as the viewed
                // one, shows how far two medians of identical fits differ on this machine
                secondQuietCpu.add(fit(data, epochs, false).cpuSeconds());
                Fit withView = fit(data, epochs, true);
                viewed.add(withView.seconds());
                viewedCpu.add(withView.cpuSeconds());
                drawn.add(withView.withCharts());
                fits.add(withView);
            }
            double q = median(quiet);
            double v = median(viewed);
            Fit typical = fits.get(fits.size() / 2);
            double inView = fits.stream().mapToDouble(f -> f.view().spentNanos() / 1e9 / f.seconds())
                    .sorted().toArray()[fits.size() / 2];
            double d = median(drawn);
            double qc = median(quietCpu);
            double vc = median(viewedCpu);
            double own = median(fits.stream().map(Fit::viewCpuSeconds).toList());
            double aa = median(secondQuietCpu);
            System.out.printf(Locale.ROOT, "| %.0f s | %d | %d | %.2f | %.2f | %+.1f%% | %.2f%% |"
                    + " %+.1f%% | %.2f / %.2f | %+.1f%% | %+.1f%% | %.3f s = %.1f%% | %,d | %d |"
                    + " %d |%n",
                    target, epochs, reps, q, v, 100 * (v - q) / q, 100 * inView,
                    100 * (d - q) / q, qc, vc, 100 * (vc - qc) / qc, 100 * (aa - qc) / qc, own,
                    100 * own / qc, typical.jsonBytes(),
                    typical.view().progressUpdates(),
                    typical.view().chartUpdates());
        }
        System.out.println();
        System.out.println("A quiet fit, a viewed one and a second quiet one take turns; medians"
                + " over the repetitions. The"
                + " machine: " + Runtime.getRuntime().availableProcessors() + " cores, load"
                + " average " + startLoad + " at the start and " + loadAverage() + " at the end"
                + " (1 minute).");
    }

    static Fit fit(Table data, int epochs, boolean withView) throws Exception {
        try (MultiTaskModel model = model(); JsonSink sink = new JsonSink()) {
            LiveTrainingView view = new LiveTrainingView(sink);
            List<FitOption> options = new ArrayList<>(List.of(epochs(epochs), batchSize(64),
                    adam(3e-3), validationSplit(0.2), seed(42), quiet()));
            if (withView) {
                options.add(listener(view));
            }
            long cpuStart = ProcessCpu.nanos();
            long start = System.nanoTime();
            model.fit(data, options.toArray(FitOption[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            PendingOutputs.await();
            double withCharts = (System.nanoTime() - start) / 1e9;
            double cpu = (ProcessCpu.nanos() - cpuStart) / 1e9;
            sink.close();
            return new Fit(seconds, withCharts, cpu, view, sink.bytes, sink.cpuNanos);
        }
    }

    static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(20), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae())
                .task("task2").head(dense(1)).loss(mse()).metric(mae())
                .task("task3").head(dense(1)).loss(mse()).metric(mae())
                .task("task4").head(dense(1)).loss(mse()).metric(mae())
                .task("task5").head(dense(1)).loss(mse()).metric(mae())
                .build();
    }

    /** The 1-minute load average (Linux), or "unknown". */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
