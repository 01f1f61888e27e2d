package org.mtl4j.train;

/**
 * How two tasks' shared gradients related over one epoch's sampled steps (see {@link
 * ConflictMonitor}); one row of {@link TrainingHistory#conflictTable()}.
 *
 * <p>Example: {@code history.conflicts().get(0).cosine()} is the first epoch's mean cosine of the
 * first pair.
 *
 * @param epoch the epoch (1-based over the model's history)
 * @param taskA the first task (earlier in the model's task order)
 * @param taskB the second task
 * @param cosine the mean over sampled steps of {@code cos(g_a, g_b)}; NaN without samples
 * @param conflictFraction the fraction of sampled steps with {@code cos(g_a, g_b) < 0}
 * @param magnitudeRatio the geometric mean over sampled steps of {@code |g_a| / |g_b|}
 * @param samples sampled steps where both tasks had labels and non-zero gradients
 */
public record ConflictRecord(int epoch, String taskA, String taskB, double cosine,
        double conflictFraction, double magnitudeRatio, int samples) {}
