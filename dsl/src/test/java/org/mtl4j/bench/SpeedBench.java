package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steps per second of mtl4j's {@code fit()}, a hand-written DJL loop and PyTorch eager on the
 * same workload, repetitions interleaved (one warm-up each, not counted). Reports wall-clock
 * steps/s and steps per CPU-second of the training thread; ratios are given for both.
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
        try (TorchProcess torch = TorchProcess.start(options.python(), options.script(),
                dataDirectory)) {
            System.out.println("\n## Training speed (higher is better; fit() includes its"
                    + " per-epoch evaluation and metrics)\n");
            for (Workload workload : options.speedWorkloads()) {
                List<Timing> mtl = new ArrayList<>();
                List<Timing> djl = new ArrayList<>();
                List<Timing> eager = new ArrayList<>();
                try (MtlRunner fit = new MtlRunner(workload, data, equal(), options.threads());
                        DjlLoop loop = new DjlLoop(workload, data, options.threads(), false)) {
                    fit.run(1);
                    loop.run(1);
                    torch.run(workload, 1, options.threads());
                    for (int r = 0; r < options.reps(); r++) {
                        mtl.add(fit.run(options.epochs()));
                        djl.add(loop.run(options.epochs()));
                        eager.add(torch.run(workload, options.epochs(), options.threads()));
                    }
                }
                Row p = new Row(eager);
                Row d = new Row(djl);
                row(table, workload, "mtl4j fit()", new Row(mtl), p, d);
                row(table, workload, "hand-written DJL loop", d, p, d);
                row(table, workload, "PyTorch eager (" + torch.version() + ")", p, p, d);
            }
        }
        table.print();
    }

    /** Wall and CPU statistics of one runner. */
    record Row(Stats wall, Stats cpu) {
        Row(List<Timing> timings) {
            this(Stats.of(timings.stream().map(Timing::stepsPerSecond).toList()),
                    Stats.of(timings.stream().map(Timing::stepsPerCpuSecond).toList()));
        }

        String ratio(Row other) {
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
