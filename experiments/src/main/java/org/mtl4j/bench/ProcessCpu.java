package org.mtl4j.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this whole process in nanoseconds: every thread, Java and native (the JIT compilers,
 * the garbage collector, libtorch's OpenMP workers). On Linux it sums the nanosecond run times of
 * {@code /proc/self/task/<tid>/schedstat}, so that a run of a few milliseconds is measured
 * exactly (the JVM's own process CPU time counts in 10 ms clock ticks); a thread that ends during
 * the run loses its time, which is why {@code experiments/bench/run.sh} keeps the JIT's compiler threads
 * alive ({@code -XX:-UseDynamicNumberOfCompilerThreads}). Elsewhere it falls back to the JVM's
 * process CPU time.
 *
 * <p>Example: {@code long before = ProcessCpu.nanos(); work(); long cpu = ProcessCpu.nanos() -
 * before;}
 */
final class ProcessCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final OperatingSystemMXBean PROCESS =
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private ProcessCpu() {}

    static long nanos() {
        if (!Files.isDirectory(TASKS)) {
            return PROCESS.getProcessCpuTime();
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(ProcessCpu::runNanos).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + TASKS, e);
        }
    }

    /**
     * CPU time of the JIT's compiler threads (named {@code C1 CompilerThre…} and {@code C2
     * CompilerThre…} on Linux) in nanoseconds, or -1 where {@code /proc/self/task} is missing.
     */
    static long compilerNanos() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.filter(ProcessCpu::isCompiler).mapToLong(ProcessCpu::runNanos).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + TASKS, e);
        }
    }

    private static boolean isCompiler(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException ended) {
            return false;
        }
    }

    /** A thread's time on a CPU (0 for a thread that ended while being read). */
    private static long runNanos(Path task) {
        try {
            String schedstat = Files.readString(task.resolve("schedstat"));
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException ended) {
            return 0;
        }
    }
}
