package org.mtl4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Ratios of two runners' speeds taken repetition by repetition: repetition r of one runner over
 * repetition r of the other, which ran in the same round of the interleaving, so that a change
 * of the machine's load between rounds cancels out. The speed table's ratios are
 * of medians taken apart; these are the median and quartiles of the paired ratios.
 *
 * <p>Example: {@code PairedRatios.of(fitTimings, loopTimings).describe()} gives {@code "1.25×
 * (1.20–1.31×), 1.22× (1.14–1.29×)"}: wall, then per process-CPU second, each the median and, in
 * brackets, the lower and upper quartile.
 *
 * @param wall the paired ratios of steps per second
 * @param cpu the paired ratios of steps per process-CPU second
 */
record PairedRatios(Quartiles wall, Quartiles cpu) {

    /**
     * The paired ratios of {@code runner} over {@code reference}.
     *
     * @throws IllegalArgumentException if the two ran a different number of repetitions
     */
    static PairedRatios of(List<Timing> runner, List<Timing> reference) {
        if (runner.size() != reference.size() || runner.isEmpty()) {
            throw new IllegalArgumentException("Paired ratios need the same number of"
                    + " repetitions of both runners. Received: " + runner.size() + " and "
                    + reference.size() + ". Time both runners in every round.");
        }
        return new PairedRatios(Quartiles.of(ratios(runner, reference, Timing::stepsPerSecond)),
                Quartiles.of(ratios(runner, reference, Timing::stepsPerCpuSecond)));
    }

    private static List<Double> ratios(List<Timing> runner, List<Timing> reference,
            ToDoubleFunction<Timing> speed) {
        List<Double> ratios = new ArrayList<>(runner.size());
        for (int r = 0; r < runner.size(); r++) {
            ratios.add(speed.applyAsDouble(runner.get(r)) / speed.applyAsDouble(reference.get(r)));
        }
        return ratios;
    }

    /** Wall, then process CPU: {@code "1.25× (1.20–1.31×), 1.22× (1.14–1.29×)"}. */
    String describe() {
        return wall.describe() + ", " + cpu.describe();
    }

    /**
     * Median and quartiles of some values (each quartile the median of the half below or above
     * the middle, the middle value left out when their number is odd).
     *
     * <p>Example: {@code Quartiles.of(List.of(1.0, 2.0, 3.0, 4.0))} is (1.5, 2.5, 3.5).
     *
     * @param lower the lower quartile
     * @param median the median
     * @param upper the upper quartile
     */
    record Quartiles(double lower, double median, double upper) {

        static Quartiles of(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            int half = Math.max(1, n / 2);
            return new Quartiles(Stats.of(sorted.subList(0, half)).median(),
                    Stats.of(sorted).median(), Stats.of(sorted.subList(n - half, n)).median());
        }

        /**
         * {@code "1.25× (1.20–1.31×)"}, or "–" where a ratio is not a positive number (a
         * repetition too short for the process CPU clock to move, or whose process figure lost
         * the time of a thread that ended: seen in tiny test runs only).
         */
        String describe() {
            boolean measured = lower > 0 && Double.isFinite(upper) && !Double.isNaN(median);
            return measured
                    ? String.format(Locale.ROOT, "%.2f× (%.2f–%.2f×)", median, lower, upper)
                    : "–";
        }
    }
}
