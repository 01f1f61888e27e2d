package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.weighting.Weighting;

/**
 * Per-step cost of each task-weighting strategy on the small workload, relative to {@code
 * equal()}: same data, model and fit, only the strategy differs.
 *
 * <p>To benchmark another strategy, add one line to {@link #STRATEGIES}, e.g. {@code
 * gradNorm(),}.
 */
final class WeightingBench {

    /** The strategies measured, the first being the reference. One line each. */
    static final List<Weighting> STRATEGIES = List.of(
            equal(),
            weights(Map.of("value0", 2.0, "kind", 1.0)),
            uncertainty(),
            dwa(),
            rlw(),
            gradNorm(),
            pcgrad(),
            pcgrad().onTrunkOutput(),
            mgda(),
            mgda().onTrunkOutput(),
            cagrad(),
            imtl(),
            nashMtl(),
            famo(),
            upgrad(),
            alignedMtl(),
            dbMtl(),
            gradVac(),
            stch(),
            fairGrad(),
            gls());

    private WeightingBench() {}

    static void run(BenchOptions options) throws Exception {
        BenchData data = BenchData.generate(options.rows(), 32, 1, 19);
        Map<Weighting, List<Double>> seconds = new LinkedHashMap<>();
        List<MtlRunner> runners = new ArrayList<>();
        try {
            for (Weighting weighting : STRATEGIES) {
                MtlRunner runner = new MtlRunner(Workload.SMALL, data, weighting,
                        options.threads());
                runners.add(runner);
                runner.run(1);
                seconds.put(weighting, new ArrayList<>());
            }
            for (int r = 0; r < options.reps(); r++) {
                for (int i = 0; i < runners.size(); i++) {
                    Timing timing = runners.get(i).run(options.epochs());
                    seconds.get(STRATEGIES.get(i)).add(1000 * timing.seconds() / timing.steps());
                }
            }
        } finally {
            runners.forEach(MtlRunner::close);
        }
        System.out.println("\n## Task weighting cost (" + Workload.SMALL.name()
                + ", ms per step incl. per-epoch evaluation)\n");
        TextTable table = new TextTable("weighting", "ms/step", "min–max", "× equal()");
        double reference = Stats.of(seconds.get(STRATEGIES.get(0))).median();
        seconds.forEach((weighting, values) -> {
            Stats stats = Stats.of(values);
            table.row(weighting, String.format(Locale.ROOT, "%.3f", stats.median()),
                    stats.spread("%.3f"),
                    String.format(Locale.ROOT, "%.2f×", stats.median() / reference));
        });
        table.print();
    }
}
