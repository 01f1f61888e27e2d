package org.mtl4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mtl4j's performance benchmark: prints Markdown tables of training speed against a hand-written
 * DJL loop and PyTorch eager, epoch time against the number of tasks, memory over a long fit, and
 * the per-step cost of each task-weighting strategy. All runners use the same data, model and
 * intra-op thread count; repetitions are interleaved and reported as median and min–max.
 *
 * <p>Run it with {@code experiments/bench/run.sh [options]} (see {@link BenchOptions}).
 *
 * <p>Example: {@code experiments/bench/run.sh --reps 3 --sections speed}, the speed table only
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        System.out.println("mtl4j benchmark: " + options.rows() + " rows, " + options.reps()
                + " repetitions of " + options.epochs() + " epochs, " + options.threads()
                + " intra-op thread(s), " + Runtime.getRuntime().availableProcessors()
                + " cores; median (min–max).");
        Path data = Files.createTempDirectory("mtl4j-bench");
        try {
            if (options.sections().contains("speed")) {
                SpeedBench.run(options, data);
            }
            if (options.sections().contains("scaling")) {
                ScalingBench.run(options);
            }
            if (options.sections().contains("memory")) {
                MemoryBench.run(options);
            }
            if (options.sections().contains("weighting")) {
                WeightingBench.run(options);
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
