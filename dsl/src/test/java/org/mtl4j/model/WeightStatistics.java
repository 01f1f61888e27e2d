package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Mean, variance and range of drawn weights, with checks against a distribution's formulas. */
final class WeightStatistics {

    final int count;
    final double mean;
    final double variance;
    final double min;
    final double max;
    private final float[] values;

    WeightStatistics(float[] values) {
        this.values = values;
        this.count = values.length;
        double sum = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            sum += v;
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        this.mean = sum / count;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        this.variance = squares / (count - 1);
        this.min = low;
        this.max = high;
    }

    /** Fraction of values within {@code k} standard deviations σ of {@code center}. */
    double fractionWithin(double center, double sigma, double k) {
        int inside = 0;
        for (float v : values) {
            if (Math.abs(v - center) <= k * sigma) {
                inside++;
            }
        }
        return (double) inside / count;
    }

    /** U(−bound, bound): inside the bounds, reaching them, variance bound²/3, mean 0. */
    void assertUniform(double bound, double varianceTolerance) {
        assertThat(min).isGreaterThanOrEqualTo(-bound * (1 + 1e-6));
        assertThat(max).isLessThanOrEqualTo(bound * (1 + 1e-6));
        assertThat(max).isGreaterThan(bound * 0.99);
        assertThat(min).isLessThan(-bound * 0.99);
        double expected = bound * bound / 3;
        assertThat(variance).isCloseTo(expected, within(expected * varianceTolerance));
        assertThat(mean).isCloseTo(0, within(5 * Math.sqrt(expected / count)));
    }

    /** N(center, σ²): mean, variance, and the normal's 68 % within one σ (not a uniform's 58 %). */
    void assertNormal(double center, double sigma) {
        assertThat(mean).isCloseTo(center, within(5 * sigma / Math.sqrt(count)));
        assertThat(variance).isCloseTo(sigma * sigma, within(sigma * sigma * 0.015));
        assertThat(fractionWithin(center, sigma, 1)).isCloseTo(0.6827, within(0.005));
        assertThat(Math.max(max - center, center - min)).isGreaterThan(3.5 * sigma);
    }
}
