package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steps per second of mtl4j's {@code fit()}, a hand-written DJL loop and PyTorch eager on the
 * same workload, repetitions interleaved (one warm-up each, not counted).
 *
 * <p>Example: {@code SpeedBench.run(BenchOptions.parse("--reps", "3"), dataDirectory)}
 */
final class SpeedBench {

    private SpeedBench() {}

    static void run(BenchOptions options, Path dataDirectory) throws Exception {
        BenchData data = BenchData.generate(options.rows(), 32, 1, 11);
        data.write(dataDirectory);
        TextTable table = new TextTable("workload", "runner", "steps/s", "min–max", "vs PyTorch",
                "vs DJL loop");
        try (TorchProcess torch = TorchProcess.start(options.python(), options.script(),
                dataDirectory)) {
            System.out.println("\n## Training speed (steps/s, higher is better; fit() includes"
                    + " its per-epoch evaluation and metrics)\n");
            for (Workload workload : options.speedWorkloads()) {
                List<Double> mtl = new ArrayList<>();
                List<Double> djl = new ArrayList<>();
                List<Double> eager = new ArrayList<>();
                try (MtlRunner fit = new MtlRunner(workload, data, equal(), options.threads());
                        DjlLoop loop = new DjlLoop(workload, data, options.threads(), false)) {
                    fit.run(1);
                    loop.run(1);
                    torch.run(workload, 1, options.threads());
                    for (int r = 0; r < options.reps(); r++) {
                        mtl.add(fit.run(options.epochs()).stepsPerSecond());
                        djl.add(loop.run(options.epochs()).stepsPerSecond());
                        eager.add(torch.run(workload, options.epochs(), options.threads())
                                .stepsPerSecond());
                    }
                }
                Stats m = Stats.of(mtl);
                Stats d = Stats.of(djl);
                Stats p = Stats.of(eager);
                table.row(workload.name(), "mtl4j fit()", f(m.median()), m.spread("%.0f"),
                        ratio(m, p), ratio(m, d));
                table.row(workload.name(), "hand-written DJL loop", f(d.median()),
                        d.spread("%.0f"), ratio(d, p), ratio(d, d));
                table.row(workload.name(), "PyTorch eager (" + torch.version() + ")",
                        f(p.median()), p.spread("%.0f"), ratio(p, p), ratio(p, d));
            }
        }
        table.print();
    }

    static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String ratio(Stats a, Stats b) {
        return String.format(Locale.ROOT, "%.2f×", a.median() / b.median());
    }
}
