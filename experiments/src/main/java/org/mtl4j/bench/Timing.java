package org.mtl4j.bench;

/**
 * One timed training run: wall time, and the CPU time of the whole process over the run (every
 * JVM thread: the training thread, the JIT compilers, the garbage collector and libtorch's own
 * threads), so that the JVM's background work is charged to the run as it would be on a loaded
 * machine, and other processes competing for the cores do not count (see {@link ProcessCpu}).
 *
 * <p>Example: {@code new Timing(0.5, 0.4, 160).stepsPerSecond()} is 320.
 *
 * @param seconds wall time
 * @param cpuSeconds CPU time of the process (all threads) during the run
 * @param steps optimizer steps taken
 */
record Timing(double seconds, double cpuSeconds, int steps) {

    double stepsPerSecond() {
        return steps / seconds;
    }

    double stepsPerCpuSecond() {
        return steps / cpuSeconds;
    }

    /** A clock started now. */
    static Clock start() {
        return new Clock(System.nanoTime(), ProcessCpu.nanos());
    }

    /** Wall and process-CPU start times. */
    record Clock(long wall, long cpu) {
        Timing stop(int steps) {
            return new Timing((System.nanoTime() - wall) / 1e9,
                    (ProcessCpu.nanos() - cpu) / 1e9, steps);
        }
    }
}
