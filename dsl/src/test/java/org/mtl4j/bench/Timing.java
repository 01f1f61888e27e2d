package org.mtl4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One timed training run: wall time, and the CPU time of the training thread (with one intra-op
 * thread libtorch computes on the calling thread, so this is the run's work, little disturbed by
 * other processes competing for the cores).
 *
 * <p>Example: {@code new Timing(0.5, 0.4, 160).stepsPerSecond()} is 320.
 *
 * @param seconds wall time
 * @param cpuSeconds CPU time of the training thread
 * @param steps optimizer steps taken
 */
record Timing(double seconds, double cpuSeconds, int steps) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    double stepsPerSecond() {
        return steps / seconds;
    }

    double stepsPerCpuSecond() {
        return steps / cpuSeconds;
    }

    /** A clock started now on this thread. */
    static Clock start() {
        return new Clock(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
    }

    /** Wall and thread-CPU start times. */
    record Clock(long wall, long cpu) {
        Timing stop(int steps) {
            return new Timing((System.nanoTime() - wall) / 1e9,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, steps);
        }
    }
}
