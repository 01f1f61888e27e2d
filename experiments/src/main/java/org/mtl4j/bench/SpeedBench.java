package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.engine.FusedAdamKernel;
import org.mtl4j.engine.LossKernels;

/**
 * Steps per second of mtl4j's {@code fit()}, a hand-written DJL loop and PyTorch eager on the
 * same workload, repetitions interleaved (one warm-up each, not counted); {@code fit()} with metrics
 * (running metrics over the epoch's steps) and without. Reports wall-clock steps/s and steps
 * per CPU-second of the whole process (all JVM threads, JIT and GC included; for PyTorch all of
 * Python's threads); ratios are given for both, as ratios of medians in the table and, below
 * it, as {@link PairedRatios} of each repetition over the other runner's in the same round.
 *
 * <p>Example: {@code SpeedBench.run(BenchOptions.parse("--reps", "3"), dataDirectory)}
 */
final class SpeedBench {

    private SpeedBench() {}

    static void run(BenchOptions options, Path dataDirectory) throws Exception {
        BenchData data = BenchData.generate(options.rows(), 32, 1, 11);
        data.write(dataDirectory);
        TextTable table = new TextTable("workload", "runner", "steps/s", "min–max",
                "steps/CPU-s", "min–max", "vs PyTorch (wall, CPU)", "vs DJL loop (wall, CPU)");
        List<String> runners = new ArrayList<>(options.runners());
        boolean withTorch = runners.contains("torch") || runners.contains(TORCH_FUSED);
        System.out.println("\n## Training speed (higher is better; fit() includes its"
                + " per-epoch evaluation and metrics)\n");
        if (options.runners().contains("mtl4j")) {
            // first, while no model has trained in this JVM yet
            FirstFitEpochs.run(data, FIRST_FIT_EPOCHS, options.threads());
        }
        List<String> utilisation = new ArrayList<>();
        List<String> compilers = new ArrayList<>();
        try (TorchProcess torch = withTorch ? TorchProcess.start(options.python(),
                options.script(), dataDirectory, options.threads()) : null) {
            String fusedMissing = runners.contains(TORCH_FUSED) ? torch.fusedAdamMissing() : null;
            if (fusedMissing != null) {
                runners.remove(TORCH_FUSED);
                compilers.add(String.format(Locale.ROOT, "%nPyTorch with Adam(fused=True) left"
                        + " out: %s said \"%s\" (PyTorch 2.4 and later have a fused Adam for"
                        + " CPU tensors).", torch.version(), fusedMissing));
            }
            for (Workload workload : options.speedWorkloads()) {
                Map<String, double[]> compiler = new LinkedHashMap<>();
                Map<String, List<Timing>> timings = measure(options, runners, workload, data,
                        torch, compiler);
                compilers.add(compilerShares(workload, compiler));
                compilers.add(allocations(workload, compiler));
                compilers.add(paired(workload, timings));
                Row p = timings.containsKey("torch") ? new Row(timings.get("torch")) : null;
                Row d = timings.containsKey("djl") ? new Row(timings.get("djl")) : null;
                if (timings.containsKey("mtl4j")) {
                    Row fit = new Row(timings.get("mtl4j"));
                    row(table, workload, "mtl4j fit()", fit, p, d);
                    if (workload == Workload.COMPUTE) {
                        utilisation.add(utilisation(workload, data, fit, d, options.threads()));
                    }
                }
                if (timings.containsKey("unchecked")) {
                    row(table, workload, "mtl4j fit(), no divergence check",
                            new Row(timings.get("unchecked")), p, d);
                }
                if (timings.containsKey("bare")) {
                    row(table, workload, "mtl4j fit(), no metrics", new Row(timings.get("bare")),
                            p, d);
                }
                if (d != null) {
                    row(table, workload, "hand-written DJL loop", d, p, d);
                }
                if (p != null) {
                    row(table, workload, "PyTorch eager (" + torch.version() + ")", p, p, d);
                }
                if (timings.containsKey(TORCH_FUSED)) {
                    row(table, workload, "PyTorch eager, Adam(fused=True) (" + torch.version()
                            + ")", new Row(timings.get(TORCH_FUSED)), p, d);
                }
            }
        }
        table.print();
        utilisation.forEach(System.out::println);
        compilers.stream().filter(line -> !line.isEmpty()).forEach(System.out::println);
    }

    /**
     * The JIT compiler threads' share of the process CPU during each Java runner's timed
     * repetitions (time the process-CPU figures charge to a runner while the JVM compiles), or ""
     * where threads cannot be told apart.
     */
    private static String compilerShares(Workload workload, Map<String, double[]> compiler) {
        List<String> shares = new ArrayList<>();
        compiler.forEach((runner, nanos) -> {
            if (nanos[0] >= 0) {
                String label = label(runner);
                // no share ('–') for repetitions too short for the process CPU clock to move, nor
                // where the process figure lost more than the compilers spent: it sums the live
                // threads' clocks, and a thread that ended during the repetitions takes its time
                // with it (seen in the tiny test configuration, where one repetition is a few ms)
                shares.add(nanos[1] > 0 && nanos[0] <= nanos[1]
                        ? String.format(Locale.ROOT, "%s %.0f%%", label, 100 * nanos[0] / nanos[1])
                        : label + " –");
            }
        });
        return shares.isEmpty() ? "" : String.format(Locale.ROOT, "%n%s: JIT compiler threads'"
                + " share of the process CPU over the timed repetitions: %s.", workload.name(),
                String.join(", ", shares));
    }

    /**
     * The Java heap each Java runner's training thread allocated per step over its timed
     * repetitions (a figure the machine's load does not move, unlike the timings; it includes
     * the few kilobytes per repetition that reading the process's CPU clocks takes, the same for
     * every runner), or "" where the JVM does not count it.
     */
    private static String allocations(Workload workload, Map<String, double[]> sums) {
        List<String> perStep = new ArrayList<>();
        sums.forEach((runner, values) -> {
            if (values[2] >= 0 && values[3] > 0) {
                perStep.add(String.format(Locale.ROOT, "%s %.1f KB", label(runner),
                        values[2] / values[3] / 1e3));
            }
        });
        return perStep.isEmpty() ? "" : String.format(Locale.ROOT, "%s: Java heap allocated per"
                + " step by the training thread over the timed repetitions: %s.",
                workload.name(), String.join(", ", perStep));
    }

    /**
     * fit()'s per-repetition ratios ({@link PairedRatios}) over the DJL loop and over fit()
     * without metrics (the metrics' cost), for those of them that ran; "" if none did.
     */
    private static String paired(Workload workload, Map<String, List<Timing>> timings) {
        List<Timing> fit = timings.get("mtl4j");
        List<String> parts = new ArrayList<>();
        if (fit != null && timings.containsKey("djl")) {
            parts.add("fit() over the DJL loop "
                    + PairedRatios.of(fit, timings.get("djl")).describe());
        }
        if (fit != null && timings.containsKey("bare")) {
            parts.add("fit() over fit() without metrics "
                    + PairedRatios.of(fit, timings.get("bare")).describe());
        }
        return parts.isEmpty() ? "" : String.format(Locale.ROOT, "%s: per-repetition ratios"
                + " (each repetition over the other runner's in the same round; median, lower"
                + " and upper quartile; wall, then per process-CPU second): %s.", workload.name(),
                String.join("; ", parts));
    }

    /** How the summary lines name a Java runner. */
    private static String label(String runner) {
        return switch (runner) {
            case "mtl4j" -> "fit()";
            case "unchecked" -> "fit() without the divergence check";
            case "bare" -> "fit() without metrics";
            default -> "the DJL loop";
        };
    }

    /** The runner of PyTorch eager with {@code Adam(fused=True)}, where that PyTorch has it. */
    static final String TORCH_FUSED = "torch-fused";

    /** Epochs of the first fit whose epochs {@link FirstFitEpochs} times (about 2 s). */
    static final int FIRST_FIT_EPOCHS = 60;

    /**
     * The wide model's FLOP rate in {@code fit()} (and the DJL loop) as a share of the sgemm
     * peak, measured now with the same thread count.
     */
    private static String utilisation(Workload workload, BenchData data, Row fit, Row loop,
            int threads) {
        SgemmPeak peak = SgemmPeak.measure(2048, 10, threads);
        double flops = workload.flopsPerStep(data.featureNames().length) / 1e9;
        String line = String.format(Locale.ROOT, "%n%s: %.0f MFLOP per step; sgemm peak (DJL"
                + " matMul %d×%d float32, %d thread(s)) %.0f GFLOP/s (median %.0f); fit() %.1f"
                + " GFLOP/s = %.0f%% of the peak (%.0f%% per process-CPU second)",
                workload.name(), flops * 1e3, peak.n(), peak.n(), threads, peak.bestGflops(),
                peak.medianGflops(), fit.wall().median() * flops,
                100 * fit.wall().median() * flops / peak.bestGflops(),
                100 * fit.cpu().median() * flops / peak.bestGflops());
        if (loop != null) {
            line += String.format(Locale.ROOT, ", the DJL loop %.0f%%",
                    100 * loop.wall().median() * flops / peak.bestGflops());
        }
        return line + ". Adam on the packed parameters: " + FusedAdamKernel.state() + ".";
    }

    /** Per runner, the timed repetitions (interleaved) after one warm-up each. */
    private static Map<String, List<Timing>> measure(BenchOptions options, List<String> runners,
            Workload workload, BenchData data, TorchProcess torch, Map<String, double[]> compiler)
            throws Exception {
        Map<String, List<Timing>> timings = new LinkedHashMap<>();
        runners.forEach(r -> timings.put(r, new ArrayList<>()));
        try (MtlRunner fit = new MtlRunner(workload, data, equal(), options.threads());
                MtlRunner bare = new MtlRunner(workload, data, equal(), options.threads(), false);
                MtlRunner unchecked = new MtlRunner(workload, data, equal(), options.threads())
                        .withoutNonFiniteCheck();
                DjlLoop loop = new DjlLoop(workload, data, options.threads(), false)) {
            // the compute-bound workload runs a fifth of the epochs (each step is ~825 MFLOP)
            int timed = workload == Workload.COMPUTE ? Math.max(1, options.epochs() / 5)
                    : options.epochs();
            for (int r = -1; r < options.reps(); r++) {
                int epochs = r < 0 ? 1 : timed;
                for (String runner : runners) {
                    long compilerBefore = ProcessCpu.compilerNanos();
                    long allocatedBefore = AllocatedBytes.ofThisThread();
                    Timing timing = switch (runner) {
                        case "mtl4j" -> fit.run(epochs);
                        case "unchecked" -> unchecked.run(epochs);
                        case "bare" -> bare.run(epochs);
                        case "djl" -> loop.run(epochs);
                        case TORCH_FUSED -> torch.run(workload, epochs, options.threads(), true);
                        default -> torch.run(workload, epochs, options.threads(), false);
                    };
                    long compilerAfter = ProcessCpu.compilerNanos();
                    long allocated = AllocatedBytes.ofThisThread() - allocatedBefore;
                    if (r >= 0) {
                        timings.get(runner).add(timing);
                        if (!runner.startsWith("torch")) {
                            double[] sums = compiler.computeIfAbsent(runner,
                                    k -> new double[4]);
                            sums[0] = compilerBefore < 0 ? -1
                                    : sums[0] + (compilerAfter - compilerBefore);
                            sums[1] += timing.cpuSeconds() * 1e9;
                            sums[2] = allocatedBefore < 0 ? -1 : sums[2] + allocated;
                            sums[3] += timing.steps();
                        }
                    }
                }
            }
            System.out.println(workload.name() + ": mtl4j fit() trained on " + fit.device()
                    + ", the DJL loop's arrays live on " + loop.device() + "; fit()'s mse() and"
                    + " crossEntropy() on the CPU: " + LossKernels.state() + ".");
        }
        return timings;
    }

    /** Wall and CPU statistics of one runner. */
    record Row(Stats wall, Stats cpu) {
        Row(List<Timing> timings) {
            this(Stats.of(timings.stream().map(Timing::stepsPerSecond).toList()),
                    Stats.of(timings.stream().map(Timing::stepsPerCpuSecond).toList()));
        }

        String ratio(Row other) {
            if (other == null) {
                return "–";
            }
            return String.format(Locale.ROOT, "%.2f×, %.2f×", wall.median()
                    / other.wall.median(), cpu.median() / other.cpu.median());
        }
    }

    private static void row(TextTable table, Workload workload, String runner, Row row,
            Row torch, Row djl) {
        table.row(workload.name(), runner, f(row.wall().median()), row.wall().spread("%.0f"),
                f(row.cpu().median()), row.cpu().spread("%.0f"), row.ratio(torch),
                row.ratio(djl));
    }

    static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
