package org.mtl4j.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Mean ± sample standard deviation, as the reproduction tables print them.
 *
 * <p>Example: {@code Stats.meanAndSpread(List.of(1.0, 2.0, 3.0))} is {@code "2.000 ± 1.000"}.
 */
final class Stats {

    private Stats() {}

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1), 0 for fewer than two values. */
    static double spread(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.size() - 1));
    }

    static String meanAndSpread(List<Double> values) {
        return meanAndSpread(values, 3);
    }

    static String meanAndSpread(List<Double> values, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean(values),
                spread(values));
    }

    /** {@code "(1.960, 0.040)"}. */
    static String pair(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
