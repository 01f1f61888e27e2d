package org.mtl4j.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Random cell values, ordinary or extreme: zeros, huge and tiny (subnormal) numbers, NaN and
 * infinities, integer limits, empty and blank strings, unicode and very long text.
 *
 * <p>Example: {@code new Values(random, 0.2).number()} is a standard-normal double four times
 * out of five and an extreme value otherwise.
 *
 * @param random the source of randomness
 * @param extreme the probability of an extreme value instead of an ordinary one
 */
record Values(Random random, double extreme) {

    /** Extreme doubles; NaN is Tablesaw's missing value for floating-point columns. */
    static final double[] EXTREME_DOUBLES = {
        0.0, -0.0, Double.MIN_VALUE, 1e-310, -1e-320, 1e-30, 1e15, -1e15, 1e19, 2e19, -1e20,
        1e30, -1e30, 3e38, 1e39, -1e39, 1e200, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MAX_VALUE,
        Float.MIN_VALUE
    };

    static final float[] EXTREME_FLOATS = {
        0f, -0f, Float.MIN_VALUE, 1e-40f, 1e10f, -1e20f, 3e38f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
    };

    static final int[] EXTREME_INTS = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 1 << 30};

    static final long[] EXTREME_LONGS = {0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 53};

    /** Class names, odd ones included ({@code " "} is a value; {@code ""} is missing). */
    static final List<String> LEVELS = List.of(
            "a", "b", "c", "d", "B", "a b", "a.b", "é", "日本", "😀", " ", "null", "NaN", "0", "-1",
            "1.0", "x".repeat(300));

    static final List<String> WORDS = List.of(
            "good", "bad", "the", "phone", "don't", "GREAT", "12", "3.5e7", "ünïcödé", "東京",
            "😀😀", "a-b", "...", "\t", "\n", "naïve", "x".repeat(50));

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    double number() {
        if (chance(extreme)) {
            return EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)];
        }
        return random.nextGaussian() * (chance(0.5) ? 1 : 1000) + (chance(0.5) ? 0 : 50);
    }

    float smallFloat() {
        if (chance(extreme)) {
            return EXTREME_FLOATS[random.nextInt(EXTREME_FLOATS.length)];
        }
        return (float) random.nextGaussian();
    }

    int integer(int classes) {
        if (chance(extreme)) {
            return EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
        }
        return random.nextInt(Math.max(1, classes));
    }

    long longInteger(int classes) {
        if (chance(extreme)) {
            return EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)];
        }
        return random.nextInt(Math.max(1, classes)) * 1_000_000_007L;
    }

    /** One of {@code classes} levels (a random slice of {@link #LEVELS}), fixed per column. */
    String level(List<String> levels) {
        return pick(levels);
    }

    String text() {
        if (chance(extreme * 0.2)) {
            return pick(WORDS).repeat(2000);
        }
        int words = random.nextInt(chance(extreme) ? 1 : 8);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(pick(WORDS));
        }
        return text.toString();
    }

    String mixed() {
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf(random.nextInt(3));
            case 1 -> String.valueOf(number());
            case 2 -> pick(LEVELS);
            case 3 -> "NaN";
            default -> text();
        };
    }
}
