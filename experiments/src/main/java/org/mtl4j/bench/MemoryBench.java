package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.TrainingHistory;

/**
 * Resident memory (RSS, from {@code /proc/self/status}) and live NDArrays after every epoch of one
 * long {@code fit()} of the small workload; growth from epoch 5 to the last should be ≤ 5 %.
 *
 * <p>Example: {@code MemoryBench.run(BenchOptions.parse("--memory-epochs", "100"))}
 */
final class MemoryBench {

    private MemoryBench() {}

    /** Records RSS (MiB) and the engine's live array count at each epoch's end. */
    static final class Probe implements FitListener {
        final List<Double> rss = new ArrayList<>();
        final List<Integer> arrays = new ArrayList<>();

        @Override
        public void epochEnded(EpochRecord epoch, TrainingHistory history) {
            rss.add(rssMiB());
            try (NDManager probe = NDManager.newBaseManager()) {
                arrays.add(probe.getParentManager().getManagedArrays().size());
            }
        }
    }

    static void run(BenchOptions options) throws Exception {
        BenchData data = BenchData.generate(options.rows(), 32, 1, 17);
        Probe probe = new Probe();
        try (MtlRunner runner = new MtlRunner(Workload.SMALL, data, equal(), options.threads())) {
            runner.run(options.memoryEpochs(), probe);
        }
        int last = probe.rss.size();
        int from = Math.min(5, last);
        System.out.println("\n## Memory over one fit of " + last + " epochs (" + Workload.SMALL
                .name() + ")\n");
        TextTable table = new TextTable("epoch", "RSS MiB", "live NDArrays");
        for (int epoch : new TreeSet<>(List.of(1, from, Math.max(1, last / 4),
                Math.max(1, last / 2), last))) {
            table.row(epoch, String.format(Locale.ROOT, "%.1f", probe.rss.get(epoch - 1)),
                    probe.arrays.get(epoch - 1));
        }
        table.print();
        double growth = probe.rss.get(last - 1) / probe.rss.get(from - 1) - 1;
        int arrayGrowth = probe.arrays.get(last - 1) - probe.arrays.get(from - 1);
        System.out.println(String.format(Locale.ROOT,
                "\nGrowth from epoch %d to %d: RSS %+.1f %% (limit 5 %%), live NDArrays %+d.",
                from, last, 100 * growth, arrayGrowth));
    }

    /** The process's resident set in MiB, or NaN where {@code /proc} is missing. */
    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
