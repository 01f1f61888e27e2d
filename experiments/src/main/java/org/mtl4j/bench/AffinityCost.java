package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.train.FitOption;
import tech.tablesaw.api.Table;

/**
 * What {@code taskAffinity()} costs a fit: the seed example's model (10 → 20 trunk with ReLU, five
 * regression heads) fitted on 4096 rows for 5 epochs in batches of 64 (320 steps) on one CPU
 * thread, without the option, with {@code taskAffinity().every(10)} and with every step sampled.
 * The three fits alternate in each repetition (after one warm-up round), so a loaded machine slows
 * them alike. Prints a Markdown table: median wall seconds and process CPU seconds (all threads),
 * the ratio to the fit without the option, and the extra milliseconds per sampled step.
 *
 * <p>Run: {@code experiments/run.sh org.mtl4j.bench.AffinityCost [reps]} (default 5).
 */
public final class AffinityCost {

    private static final int ROWS = 4096;
    private static final int EPOCHS = 5;
    private static final int BATCH = 64;
    private static final int STEPS_PER_EPOCH = ROWS / BATCH;

    private AffinityCost() {}

    /** Runs the comparison; {@code args[0]}: repetitions (default 5). */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Table data = SeedExample.table(ROWS, 5, 42);
        Map<String, FitOption> variants = new LinkedHashMap<>();
        variants.put("off", null);
        variants.put("every(10)", taskAffinity().every(10));
        variants.put("every(1)", taskAffinity());
        Map<String, List<Timing>> timings = new LinkedHashMap<>();
        variants.keySet().forEach(name -> timings.put(name, new ArrayList<>()));
        for (int rep = -1; rep < reps; rep++) {
            for (Map.Entry<String, FitOption> variant : variants.entrySet()) {
                Timing timing = fit(data, variant.getValue());
                if (rep >= 0) {
                    timings.get(variant.getKey()).add(timing);
                }
            }
        }
        double offWall = Stats.of(walls(timings.get("off"))).median();
        double offCpu = Stats.of(cpus(timings.get("off"))).median();
        TextTable table = new TextTable("taskAffinity", "sampled steps", "wall s (median)",
                "× off", "process CPU s (median)", "× off", "extra ms per sampled step (CPU)");
        for (String name : variants.keySet()) {
            int sampled = sampledSteps(variants.get(name));
            double wall = Stats.of(walls(timings.get(name))).median();
            double cpu = Stats.of(cpus(timings.get(name))).median();
            table.row(name, sampled, format("%.2f", wall), format("%.2f", wall / offWall),
                    format("%.2f", cpu), format("%.2f", cpu / offCpu),
                    sampled == 0 ? "–" : format("%.2f", 1000 * (cpu - offCpu) / sampled));
        }
        System.out.println("Seed example model, " + ROWS + " rows, " + EPOCHS + " epochs of "
                + STEPS_PER_EPOCH + " steps (batch " + BATCH + "), 1 thread, " + reps
                + " repetitions; " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println(table.render());
    }

    private static Timing fit(Table data, FitOption affinity) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(20), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .task("task3").head(dense(1)).loss(mse())
                .task("task4").head(dense(1)).loss(mse())
                .task("task5").head(dense(1)).loss(mse())
                .build()) {
            List<FitOption> options = new ArrayList<>(List.of(epochs(EPOCHS), batchSize(BATCH),
                    adam(1e-3), threads(1), quiet()));
            if (affinity != null) {
                options.add(affinity);
            }
            Timing.Clock clock = Timing.start();
            model.fit(data, options.toArray(FitOption[]::new));
            return clock.stop(EPOCHS * STEPS_PER_EPOCH);
        }
    }

    private static int sampledSteps(FitOption option) {
        if (option == null) {
            return 0;
        }
        int every = ((org.mtl4j.train.TaskAffinity) option).every();
        return EPOCHS * ((STEPS_PER_EPOCH + every - 1) / every);
    }

    private static List<Double> walls(List<Timing> timings) {
        return timings.stream().map(Timing::seconds).toList();
    }

    private static List<Double> cpus(List<Timing> timings) {
        return timings.stream().map(Timing::cpuSeconds).toList();
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
