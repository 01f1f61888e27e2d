package org.mtl4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line. Defaults: {@code --reps 7 --epochs 20 --rows 4096 --threads 1
 * --sections speed,scaling,memory,weighting --workloads small,wide --tasks 1,4,16,64
 * --memory-epochs 100 --runners mtl4j,unchecked,bare,djl,torch,torch-fused}, the first of
 * {@code $MTL4J_BENCH_PYTHON}, {@code python3} and {@code /usr/bin/python3} that imports torch,
 * and {@code bench/torch_bench.py} (or {@code experiments/bench/torch_bench.py} from the
 * repository root).
 *
 * <p>Example: {@code BenchOptions.parse("--reps", "3", "--sections", "speed")}
 *
 * @param reps timed repetitions per runner (after one warm-up)
 * @param epochs epochs per repetition (a fifth of them for the wide workload)
 * @param rows rows of the synthetic data
 * @param threads intra-op threads for every runner
 * @param sections which tables to print
 * @param workloads which speed workloads to run ({@code small}, {@code wide})
 * @param tasks task counts of the scaling table
 * @param memoryEpochs epochs of the memory table
 * @param runners which runners the speed table compares ({@code mtl4j}: fit() with metrics,
 *     {@code unchecked}: the same without the per-step divergence check, {@code bare}: without
 *     metrics, {@code djl}, {@code torch}, {@code torch-fused}: PyTorch with {@code
 *     Adam(fused=True)}, left out with a line saying why where that PyTorch has no fused Adam
 *     for CPU tensors); without the two PyTorch runners no Python is needed (e.g. on a GPU
 *     machine)
 * @param python the interpreter with PyTorch
 * @param script the PyTorch side ({@code torch_bench.py})
 */
record BenchOptions(int reps, int epochs, int rows, int threads, Set<String> sections,
        List<String> workloads, int[] tasks, int memoryEpochs, List<String> runners,
        String python, Path script) {

    static final List<String> SECTIONS = List.of("speed", "scaling", "memory", "weighting");
    static final List<String> RUNNERS = List.of("mtl4j", "unchecked", "bare", "djl", "torch",
            "torch-fused");

    static BenchOptions parse(String... args) {
        int reps = 7;
        int epochs = 20; // long enough for the JIT to settle: short runs measure its threads
        int rows = 4096;
        int threads = 1;
        Set<String> sections = Set.copyOf(SECTIONS);
        List<String> workloads = List.of("small", "wide");
        int[] tasks = {1, 4, 16, 64};
        int memoryEpochs = 100;
        List<String> runners = RUNNERS;
        String python = null;
        Path script = defaultScript();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value.");
            }
            switch (args[i++]) {
                case "--reps" -> reps = positive("--reps", value);
                case "--epochs" -> epochs = positive("--epochs", value);
                case "--rows" -> rows = positive("--rows", value);
                case "--threads" -> threads = positive("--threads", value);
                case "--sections" -> sections = Set.copyOf(checked(value, SECTIONS));
                case "--workloads" -> workloads = checked(value, List.of("small", "wide"));
                case "--tasks" -> tasks = Arrays.stream(value.split(","))
                        .mapToInt(t -> positive("--tasks", t)).toArray();
                case "--memory-epochs" -> memoryEpochs = positive("--memory-epochs", value);
                case "--runners" -> runners = checked(value, RUNNERS);
                case "--python" -> python = value;
                case "--script" -> script = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i - 1]
                        + ". Known: --reps --epochs --rows --threads --sections --workloads"
                        + " --tasks --memory-epochs --runners --python --script.");
            }
        }
        return new BenchOptions(reps, epochs, rows, threads, sections, workloads, tasks,
                memoryEpochs, runners, python != null ? python : Python.withTorch(), script);
    }

    /** The workloads named by {@code --workloads}. */
    List<Workload> speedWorkloads() {
        return workloads.stream().map(w -> w.equals("small") ? Workload.SMALL : Workload.COMPUTE)
                .toList();
    }

    private static Path defaultScript() {
        Path inModule = Path.of("bench", "torch_bench.py");
        return Files.exists(inModule) ? inModule : Path.of("experiments", "bench", "torch_bench.py");
    }

    private static int positive(String option, String value) {
        if (!value.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException(option + " needs a positive integer. Received: '"
                    + value + "'.");
        }
        return Integer.parseInt(value);
    }

    private static List<String> checked(String value, List<String> known) {
        List<String> names = List.of(value.split(","));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown name '" + name + "'. Known: " + known
                        + ".");
            }
        }
        return names;
    }
}
