package org.mtl4j.train;

import java.util.Arrays;

/**
 * One replica's share of a global batch, per task: {@code ℓ_t = (sum of its labelled rows'
 * losses of task t) / (the global batch's labelled rows of t)} and the gradient of {@code ℓ_t}
 * with respect to every parameter. Summing the replicas' {@link #values() values} gives the
 * global batch's per-task mean losses {@code L_t} and their gradients {@code G_t}: the input of
 * {@link ReplicaStep#weighAndApply}, which runs the model's weighting on them as one process
 * would on the whole batch.
 *
 * <p>Layout of {@code values}: the T losses, then T flat gradients (all parameters, in the
 * network's parameter order) one after the other, so that one vector travels between replicas.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TaskShares mine = replica.taskShares(shard, rows, globalCounts);
 * float[] summed = ...; // the replicas' mine.values(), added element by element
 * replica.weighAndApply(new TaskShares(summed, tasks, globalCounts));
 * }</pre>
 *
 * @param values the losses then the gradients, {@code T · (1 + parameters)} values
 * @param tasks T, the number of tasks
 * @param counts per task, the labelled rows these values cover (the replica's own when it
 *     computed them; the global batch's once summed)
 */
public record TaskShares(float[] values, int tasks, int[] counts) {

    /** Checks the layout. */
    public TaskShares {
        if (tasks < 1 || counts.length != tasks || values.length % tasks != 0
                || values.length < 2 * tasks) {
            throw new IllegalArgumentException("TaskShares needs T losses then T gradients of"
                    + " equal length and T counts. Received: " + values.length + " values, "
                    + tasks + " tasks, " + counts.length + " counts. Pass the summed values of"
                    + " replica.taskShares(...) with the global batch's counts.");
        }
    }

    /** How many values each task's gradient has (the model's parameters, flat). */
    public int size() {
        return values.length / tasks - 1;
    }

    /** Task {@code t}'s loss share ({@code L_t} once summed). */
    public float loss(int t) {
        return values[t];
    }

    /** Task {@code t}'s gradient, flat (a copy). */
    public float[] gradient(int t) {
        int from = tasks + t * size();
        return Arrays.copyOfRange(values, from, from + size());
    }
}
