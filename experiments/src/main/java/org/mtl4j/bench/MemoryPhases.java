package org.mtl4j.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.StepProgress;
import org.mtl4j.train.TrainingRun;

/**
 * Where a fit's resident memory goes: the process's RSS, the Java heap in use and the JVM's
 * direct buffers (where mtl4j's uploaded features live) after the first step (the data is on the
 * device then) and at the fit's end, so that growth during the epochs (the steps' garbage, not
 * yet collected) shows apart from the upload.
 *
 * <p>Example: {@code MemoryPhases phases = new MemoryPhases(); model.fit(table,
 * listener(phases)); System.out.println(phases.describe());}
 */
final class MemoryPhases implements FitListener {

    /** RSS, heap in use and direct buffers in MiB at one moment. */
    record Sample(double rssMiB, double heapMiB, double directMiB) {

        static Sample now() {
            double direct = 0;
            for (BufferPoolMXBean pool
                    : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    direct = pool.getMemoryUsed() / 1048576.0;
                }
            }
            return new Sample(PeakRss.read("VmRSS:"),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                            / 1048576.0,
                    direct);
        }

        String describe() {
            return String.format(Locale.ROOT, "RSS %.0f MiB, heap in use %.0f MiB, direct"
                    + " buffers %.0f MiB", rssMiB, heapMiB, directMiB);
        }
    }

    private Sample before;
    private Sample firstStep;
    private Sample end;
    private NativeMemoryDiff nativeMemory;
    private String nativeGrowth = "";

    /** Samples now, just before the fit (and takes a Native Memory Tracking baseline). */
    MemoryPhases start() {
        nativeMemory = NativeMemoryDiff.baseline();
        before = Sample.now();
        return this;
    }

    @Override
    public void stepEnded(StepProgress progress) {
        if (firstStep == null) {
            firstStep = Sample.now();
        }
    }

    @Override
    public void fitEnded(TrainingRun run) {
        end = Sample.now();
        nativeGrowth = nativeMemory.describe();
    }

    /**
     * The three samples, one line; with {@code -XX:NativeMemoryTracking=summary} a second line,
     * the JVM's native memory that grew during the fit ({@link NativeMemoryDiff}).
     */
    String describe() {
        return "before the fit: " + before.describe() + "; after its first step: "
                + firstStep.describe() + "; at its end: " + end.describe()
                + (nativeGrowth.isEmpty() ? "" : "\n  " + nativeGrowth);
    }
}
