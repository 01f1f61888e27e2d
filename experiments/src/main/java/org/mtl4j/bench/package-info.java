/**
 * The benchmark: {@code fit()} beside a hand-written DJL loop and PyTorch (wall, thread and process
 * CPU), task scaling, memory, weighting cost and the live view's cost; it prints figures, it
 * asserts nothing.
 *
 * <p>Example: {@code experiments/bench/run.sh --reps 7}
 */
package org.mtl4j.bench;
