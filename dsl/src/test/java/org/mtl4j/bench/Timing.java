package org.mtl4j.bench;

/**
 * One timed training run.
 *
 * <p>Example: {@code new Timing(0.5, 160).stepsPerSecond()} is 320.
 *
 * @param seconds wall time
 * @param steps optimizer steps taken
 */
record Timing(double seconds, int steps) {

    double stepsPerSecond() {
        return steps / seconds;
    }
}
