package org.mtl4j.experiments;

import java.util.List;
import java.util.Locale;

/** Mean ± sample standard deviation, as the reproduction tables print them. */
final class Stats {

    private Stats() {}

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double spread(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.size() - 1));
    }

    static String meanAndSpread(List<Double> values) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean(values), spread(values));
    }
}
