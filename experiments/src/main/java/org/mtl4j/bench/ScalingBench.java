package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.TrainingHistory;

/**
 * Epoch time against the number of tasks (regression heads {@code dense(1)} on a 32 → 256 → 256
 * trunk): mtl4j's {@code fit()} runs the trunk once per batch (epoch time as the fit records it,
 * evaluation and metrics included, steady state); the seed tutorial's naive loop (hand-written
 * DJL, {@code perTaskTrunk}) runs it once per task; the grouped-heads loop (hand-written DJL,
 * trunk once, the heads as one {@code Linear(tasks)} and one column-wise loss) shows what
 * batching same-shaped heads would save.
 *
 * <p>Example: {@code ScalingBench.run(BenchOptions.parse("--tasks", "1,4"))}
 */
final class ScalingBench {

    static final Workload TRUNK = new Workload("trunk 32-256-256", new int[] {256, 256}, 1,
            false, 128);

    private ScalingBench() {}

    static void run(BenchOptions options) throws Exception {
        int most = java.util.Arrays.stream(options.tasks()).max().orElse(1);
        BenchData data = BenchData.generate(options.rows(), 32, most, 13);
        System.out.println("\n## Scaling with the number of tasks (" + TRUNK.name()
                + ", seconds per epoch of " + options.rows() + " rows)\n");
        TextTable table = new TextTable("tasks", "mtl4j fit() s/epoch", "× 1 task",
                "per-task-trunk loop s/epoch", "× 1 task", "naive / mtl4j",
                "grouped-heads loop s/epoch", "× 1 task");
        double fitOne = 0;
        double naiveOne = 0;
        double groupedOne = 0;
        // the JIT warms up on a throw-away fit first, so the first row is not the slow one
        try (MtlRunner warmUp = new MtlRunner(TRUNK.withRegressionHeadsOnly(most), data, equal(),
                options.threads())) {
            warmUp.run(3);
        }
        for (int tasks : options.tasks()) {
            Workload workload = TRUNK.withRegressionHeadsOnly(tasks);
            List<Double> fit = new ArrayList<>();
            List<Double> naive = new ArrayList<>();
            List<Double> grouped = new ArrayList<>();
            FitListener epochTimes = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    fit.add(epoch.seconds());
                }
            };
            try (MtlRunner runner = new MtlRunner(workload, data, equal(), options.threads());
                    DjlLoop loop = new DjlLoop(workload, data, options.threads(), true);
                    DjlLoop batched = new DjlLoop(workload, data, options.threads(), false,
                            true)) {
                // one fit: its first epoch is the warm-up, the others are measured
                runner.run(options.reps() + 1, epochTimes);
                fit.remove(0);
                loop.run(1);
                batched.run(1);
                for (int r = 0; r < options.reps(); r++) {
                    naive.add(loop.run(1).seconds());
                    grouped.add(batched.run(1).seconds());
                }
            }
            double f = Stats.of(fit).median();
            double n = Stats.of(naive).median();
            double g = Stats.of(grouped).median();
            fitOne = fitOne == 0 ? f : fitOne;
            naiveOne = naiveOne == 0 ? n : naiveOne;
            groupedOne = groupedOne == 0 ? g : groupedOne;
            table.row(tasks, s(f), x(f / fitOne), s(n), x(n / naiveOne), x(n / f), s(g),
                    x(g / groupedOne));
        }
        table.print();
    }

    private static String s(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String x(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
