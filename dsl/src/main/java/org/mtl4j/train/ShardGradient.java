package org.mtl4j.train;

/**
 * What {@link ReplicaStep#gradient} computed on one replica's share of a global batch.
 *
 * <p>Example: {@code float[] g = replica.gradient(shard, rows, shares).gradient();}
 *
 * @param gradient the flat gradient (all parameters, in the network's parameter order) of {@code
 *     Σ_t share_t · w_t · L_t}, where {@code L_t} is task t's mean loss over this replica's
 *     labelled rows and {@code w_t} the model's fixed task weight
 * @param losses per task, {@code L_t} (NaN where this replica's rows had no label for the task)
 * @param counts per task, how many of this replica's rows had a label
 */
public record ShardGradient(float[] gradient, double[] losses, int[] counts) {}
