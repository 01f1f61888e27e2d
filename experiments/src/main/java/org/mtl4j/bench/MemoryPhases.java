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
 * yet collected) shows apart from the upload; and the Java heap the fit allocated in all (its
 * thread's allocations, garbage included, whether or not a collection ran: steadier than RSS).
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
    private long allocatedBefore;
    private long allocated;

    /** Samples now, just before the fit (and takes a Native Memory Tracking baseline). */
    MemoryPhases start() {
        nativeMemory = NativeMemoryDiff.baseline();
        before = Sample.now();
        allocatedBefore = allocatedByThisThread();
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
        allocated = allocatedByThisThread() - allocatedBefore;
        end = Sample.now();
        nativeGrowth = nativeMemory.describe();
    }

    /** Bytes of Java heap this thread allocated so far (a fit runs on its caller's thread). */
    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /**
     * The three samples, one line; with {@code -XX:NativeMemoryTracking=summary} a second line,
     * the JVM's native memory that grew during the fit ({@link NativeMemoryDiff}).
     */
    String describe() {
        return "before the fit: " + before.describe() + "; after its first step: "
                + firstStep.describe() + "; at its end: " + end.describe()
                + String.format(Locale.ROOT, "; Java heap allocated by the fit: %.1f MiB",
                        allocated / 1048576.0)
                + (nativeGrowth.isEmpty() ? "" : "\n  " + nativeGrowth);
    }
}
