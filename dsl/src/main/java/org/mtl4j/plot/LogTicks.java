package org.mtl4j.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Round tick values for a log axis, as matplotlib's log locator labels them: whole decades when
 * the axis spans many, {1, 2, 5} × 10ᵏ over a decade or two, and over narrow spans (where a log
 * axis is nearly linear) multiples of a round step (0.40, 0.42, 0.44…). Of the candidates whose
 * labels are at least {@code minGap} pixels apart, the densest log set wins if it has at least
 * three ticks, then every 2nd, 3rd, 5th… decade, else the densest linear
 * one.
 *
 * <p>Example: {@code LogTicks.choose(Math.log10(0.3), Math.log10(0.9), 300, 28)} gives 0.3, 0.4,
 * 0.5, 0.6, 0.7, 0.8, 0.9 (1..9 × 10⁻¹ fit) and {@code LogTicks.label(0.5)} is "0.5".
 */
final class LogTicks {

    /** Mantissas per decade, densest first. */
    private static final double[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 2, 3, 4, 5, 6, 8}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}};

    /** Strides between labelled decades when even whole decades crowd. */
    private static final int[] DECADE_STRIDES = {2, 3, 5, 10, 20, 50, 100};

    private LogTicks() {}

    /**
     * The tick values (not logarithms) between 10^{@code lo} and 10^{@code hi}, on an axis of
     * {@code pixels} whose ticks must be {@code minGap} pixels apart; empty for an empty or
     * non-finite range.
     */
    static List<Double> choose(double lo, double hi, double pixels, double minGap) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi) || pixels <= 0) {
            return List.of();
        }
        double pixelsPerDecade = pixels / (hi - lo);
        List<Double> best = List.of();
        for (double[] mantissas : MANTISSAS) {
            List<Double> ticks = decades(lo, hi, mantissas, 1);
            if (fits(ticks, pixelsPerDecade, minGap) && ticks.size() > best.size()) {
                best = ticks;
            }
        }
        if (best.size() >= 3) {
            return best;
        }
        for (int stride : DECADE_STRIDES) {
            List<Double> ticks = decades(lo, hi, MANTISSAS[MANTISSAS.length - 1], stride);
            if (fits(ticks, pixelsPerDecade, minGap) && ticks.size() >= 3) {
                return ticks;
            }
        }
        List<Double> linear = linear(lo, hi, pixelsPerDecade, minGap);
        return linear.size() > best.size() ? linear : best;
    }

    /** The label of a tick value: plain digits ("0.05", "2,000" without separators: "2000"). */
    static String label(double value) {
        return AxisTicks.number(value, 6);
    }

    /** {@code m} × 10ᵏ for every mantissa and every {@code stride}-th decade within the range. */
    private static List<Double> decades(double lo, double hi, double[] mantissas, int stride) {
        List<Double> ticks = new ArrayList<>();
        int first = (int) Math.floor(lo) - 1;
        int last = (int) Math.ceil(hi);
        for (int k = first; k <= last; k++) {
            if (Math.floorMod(k, stride) != 0) {
                continue;
            }
            for (double m : mantissas) {
                double value = BigDecimal.valueOf(m).scaleByPowerOfTen(k).doubleValue();
                addIfInside(ticks, value, lo, hi);
            }
        }
        return ticks;
    }

    /** The densest multiples of a 1, 2 or 5 × 10ᵉ step whose ticks fit; empty when none do. */
    private static List<Double> linear(double lo, double hi, double pixelsPerDecade,
            double minGap) {
        double from = Math.pow(10, lo);
        double to = Math.pow(10, hi);
        int e = (int) Math.floor(Math.log10(to - from)) - 3;
        for (int tries = 0; tries < 12; tries++, e++) {
            for (int m : new int[] {1, 2, 5}) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                List<Double> ticks = new ArrayList<>();
                BigDecimal first = new BigDecimal(from).divide(step, 0, java.math.RoundingMode.CEILING)
                        .multiply(step);
                for (BigDecimal v = first; v.doubleValue() <= to * (1 + 1e-12) && ticks.size() < 200;
                        v = v.add(step)) {
                    addIfInside(ticks, v.doubleValue(), lo, hi);
                }
                if (ticks.size() < 200 && fits(ticks, pixelsPerDecade, minGap)) {
                    return ticks;
                }
            }
        }
        return List.of();
    }

    private static void addIfInside(List<Double> ticks, double value, double lo, double hi) {
        double log = Math.log10(value);
        double slack = 1e-9 * Math.max(1, hi - lo);
        if (value > 0 && log >= lo - slack && log <= hi + slack) {
            ticks.add(value);
        }
    }

    private static boolean fits(List<Double> ticks, double pixelsPerDecade, double minGap) {
        for (int i = 1; i < ticks.size(); i++) {
            double gap = (Math.log10(ticks.get(i)) - Math.log10(ticks.get(i - 1)))
                    * pixelsPerDecade;
            if (gap < minGap) {
                return false;
            }
        }
        return true;
    }
}
