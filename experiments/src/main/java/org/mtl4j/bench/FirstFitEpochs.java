package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitInfo;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.TrainingHistory;

/**
 * How much of a notebook-length fit is JIT warm-up: the first fit of a fresh model in a JVM that
 * has not trained yet (as in a new notebook kernel), on the small workload, timed epoch by epoch
 * (wall and process CPU). Prints the first, the tenth and the last epoch's steps per second. Run
 * it before anything else trains in the JVM. Epoch 1 counts from training's start (after the
 * engine has loaded and the data are encoded); the fit's whole time includes those.
 *
 * <p>Example: {@code FirstFitEpochs.run(data, 100, 1)} prints one line per figure.
 */
final class FirstFitEpochs {

    private FirstFitEpochs() {}

    /**
     * Wall and process-CPU nanoseconds when training starts (the engine loaded, the data
     * encoded) and at each epoch's end.
     */
    private static final class EpochClock implements FitListener {
        final List<long[]> marks = new ArrayList<>();

        @Override
        public void fitStarted(FitInfo info) {
            marks.add(new long[] {System.nanoTime(), ProcessCpu.nanos()});
        }

        @Override
        public void epochEnded(EpochRecord epoch, TrainingHistory history) {
            marks.add(new long[] {System.nanoTime(), ProcessCpu.nanos()});
        }
    }

    static void run(BenchData data, int epochs, int threads) {
        Workload workload = Workload.SMALL;
        try (MtlRunner runner = new MtlRunner(workload, data, equal(), threads)) {
            EpochClock clock = new EpochClock();
            Timing whole = runner.run(epochs, clock);
            int steps = whole.steps() / epochs;
            System.out.printf(Locale.ROOT, "%nFirst fit in a fresh JVM (%s, %d epochs of %d steps,"
                    + " %.2f s, %.2f s of process CPU): steps/s (wall, per process-CPU second)"
                    + " epoch 1 %s, epoch 10 %s, epoch %d %s.%n", workload.name(), epochs, steps,
                    whole.seconds(), whole.cpuSeconds(), rate(clock, 1, steps),
                    rate(clock, Math.min(10, epochs), steps), epochs, rate(clock, epochs, steps));
        }
    }

    private static String rate(EpochClock clock, int epoch, int steps) {
        long[] before = clock.marks.get(epoch - 1);
        long[] after = clock.marks.get(epoch);
        long cpu = after[1] - before[1];
        // a very short epoch can pass without the process CPU clock moving: no rate, not ∞
        return String.format(Locale.ROOT, "%.0f, %s", steps / ((after[0] - before[0]) / 1e9),
                cpu > 0 ? String.format(Locale.ROOT, "%.0f", steps / (cpu / 1e9)) : "–");
    }
}
