package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.equal;

/**
 * Trains the speed benchmark's small workload with one runner for a given number of epochs after
 * one warm-up epoch, and prints the steps it took: {@code experiments/bench/native-calls.sh} runs
 * it twice under {@code perf stat} with uprobes on DJL's JNI entry points and divides the
 * difference in calls by the difference in steps, giving native calls per training step.
 *
 * <p>Example: {@code java ... org.mtl4j.bench.NativeCallRun mtl4j 5} (runners: {@code mtl4j},
 * {@code bare} (no metrics), {@code unchecked} (no divergence check), {@code djl})
 */
public final class NativeCallRun {

    private NativeCallRun() {}

    /** Arguments: the runner and the number of timed epochs. */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("NativeCallRun needs a runner and a number of"
                    + " epochs. Received: " + java.util.Arrays.toString(args)
                    + ". Use e.g. mtl4j 5 (runners: mtl4j, bare, unchecked, djl).");
        }
        String runner = args[0];
        int epochs = Integer.parseInt(args[1]);
        BenchData data = BenchData.generate(4096, 32, 1, 11);
        Workload workload = Workload.SMALL;
        Timing timing;
        switch (runner) {
            case "djl" -> {
                try (DjlLoop loop = new DjlLoop(workload, data, 1, false)) {
                    loop.run(1);
                    timing = loop.run(epochs);
                }
            }
            case "mtl4j", "bare", "unchecked" -> {
                try (MtlRunner fit = new MtlRunner(workload, data, equal(), 1,
                        !runner.equals("bare"))) {
                    if (runner.equals("unchecked")) {
                        fit.withoutNonFiniteCheck();
                    }
                    fit.run(1);
                    timing = fit.run(epochs);
                }
            }
            default -> throw new IllegalArgumentException("Unknown runner '" + runner
                    + "'. Expected mtl4j, bare, unchecked or djl.");
        }
        System.out.println(runner + " steps " + timing.steps());
    }
}
