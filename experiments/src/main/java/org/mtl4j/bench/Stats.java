package org.mtl4j.bench;

import java.util.List;
import java.util.Locale;

/**
 * Median and spread of repeated measurements.
 *
 * <p>Example: {@code Stats.of(List.of(3.0, 1.0, 2.0)).median()} is 2.0; {@code spread()} prints
 * {@code "1.0–3.0"}.
 *
 * @param median the median
 * @param min the smallest value
 * @param max the largest value
 * @param count the number of values
 */
record Stats(double median, double min, double max, int count) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No measurements. Received: []. Run at least one"
                    + " repetition (--reps 1 or more).");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    /** {@code min–max} with {@code format} applied to both. */
    String spread(String format) {
        return String.format(Locale.ROOT, format + "–" + format, min, max);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f (%s, n=%d)", median, spread("%.1f"), count);
    }
}
