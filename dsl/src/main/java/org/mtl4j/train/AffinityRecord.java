package org.mtl4j.train;

/**
 * The inter-task affinity from one task onto another over one epoch's sampled steps (see {@link
 * TaskAffinity}); one row of {@link TrainingHistory#affinityTable()}.
 *
 * <p>Example: {@code history.affinities().get(1).affinity()} is the first epoch's mean affinity
 * from the first task onto the second.
 *
 * @param epoch the epoch (1-based over the model's history)
 * @param fromTask task i, whose loss alone made the look-ahead step
 * @param toTask task j, whose loss is compared before and after it (may equal {@code fromTask})
 * @param affinity the mean over sampled steps of {@code Z_i→j = 1 − L_j(look-ahead) / L_j}
 *     (Fifty et al. 2021); NaN without samples
 * @param samples sampled steps where both tasks had labels and {@code L_j > 0}
 */
public record AffinityRecord(int epoch, String fromTask, String toTask, double affinity,
        int samples) {}
