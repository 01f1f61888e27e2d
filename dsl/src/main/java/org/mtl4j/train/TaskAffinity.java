package org.mtl4j.train;

import org.mtl4j.annotation.Internal;

/**
 * The fit option that measures the inter-task affinity of Fifty et al. 2021 ("Efficiently
 * Identifying Task Groupings for Multi-Task Learning", NeurIPS 2021, Section 3): how much a step
 * on task i alone would lower task j's loss on the same batch,
 *
 * <pre>
 *   Z<sub>i→j</sub> = 1 − L<sub>j</sub>(X, θ<sub>s</sub> − η ∇<sub>θs</sub>L<sub>i</sub>, θ<sub>j</sub>) / L<sub>j</sub>(X, θ<sub>s</sub>, θ<sub>j</sub>)
 * </pre>
 *
 * <p>where θ<sub>s</sub> are the shared parameters (the sharing block's: the trunk under hard
 * sharing, experts and gates under MMoE/CGC/PLE, columns and stitch units under cross-stitch),
 * θ<sub>j</sub> task j's head and X the step's batch. Positive: a step on i helps j; negative: it
 * hurts j. Every {@code every}-th step of an epoch (steps 1, 1 + k, 1 + 2k, …) is sampled, and
 * the history gets, per epoch and ordered pair (i, j) (i = j included), the mean over the
 * sampled steps; the paper's training average (the mean over all sampled steps) is {@link
 * AffinityMatrix#of(TrainingHistory)}, and {@link TaskGroups#suggest} splits the tasks into
 * groups with it. See {@link TrainingHistory#affinityTable()}.
 *
 * <p>The look-ahead is a plain SGD step of size η, the paper's definition of θ<sub>s</sub><sup>
 * t+1|i</sup>, whatever optimizer the fit uses (the paper's experiments step with their
 * optimizer): it depends only on the step's gradient, so figures from fits with different
 * optimizers or weightings compare, and the optimizer's state is never read or touched. η is
 * the fit's base learning rate unless {@link #stepSize(double)} sets it (a schedule does not
 * change it, so epochs compare). To first order Z<sub>i→j</sub> ≈ η g<sub>i</sub>·g<sub>j</sub> /
 * L<sub>j</sub>: the sign is that of the conflict monitor's cosine, the size scales with η. Both
 * losses of the ratio come from an inference-mode forward (no dropout) on the same batch.
 *
 * <p>The real step is unchanged: a sampled step backpropagates each labelled task's loss on its
 * own (keeping the graph), forms θ<sub>s</sub> − η g<sub>i</sub> as new tensors (the parameters
 * themselves are never written, so nothing needs restoring), zeroes every gradient, and runs the
 * forwards without autograd and without dropout; then the step goes on as it would without the
 * option, and a fit's losses and parameters are bit-identical to one without it. Cost per
 * sampled step with T labelled tasks: T extra backwards and T + 1 extra forwards (one at
 * θ<sub>s</sub>, one per look-ahead), all on the batch; without the option nothing runs.
 * Measured with {@code experiments/run.sh org.mtl4j.bench.AffinityCost} on the seed example's
 * model (10 → 20 trunk, 5 heads, batch 64, 320 steps, 1 CPU thread, a loaded 2-core machine):
 * about 4 ms of CPU per sampled step, so a fit took 1.4 × as long with {@code every(10)} and 5.1
 * × with every step sampled (0.48 s, 0.68 s, 2.46 s median wall time).
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = model.fit(table, epochs(20), adam(1e-2), taskAffinity().every(4));
 * Table affinity = run.history().affinityTable();     // epoch, from_task, to_task, affinity, samples
 * HeatMapChart heat = AffinityCharts.heatmap(run.history());   // training average
 * GroupSuggestion groups = TaskGroups.suggest(run.history(), 2);
 * }</pre>
 *
 * @param every sample one step in {@code every} (default 1: every step)
 * @param stepSize the look-ahead's SGD step size η, or NaN (the default) for the fit's learning
 *     rate
 */
public record TaskAffinity(int every, double stepSize) implements FitOption {

    /** Every step sampled, η = the fit's learning rate. */
    public static final TaskAffinity DEFAULT = new TaskAffinity(1, Double.NaN);

    /** Checks {@code every} and {@code stepSize}. */
    public TaskAffinity {
        if (every < 1) {
            throw new IllegalArgumentException("taskAffinity().every(k) needs k >= 1 (1 samples"
                    + " every step). Received: every(" + every + "). Use every(1) or a larger k.");
        }
        if (!Double.isNaN(stepSize) && !(stepSize > 0 && Double.isFinite(stepSize))) {
            throw new IllegalArgumentException("taskAffinity().stepSize(η) needs a finite η > 0."
                    + " Received: stepSize(" + stepSize + "). Use e.g. stepSize(0.1), or leave"
                    + " it out for the fit's learning rate.");
        }
    }

    /** The same option sampling one step in {@code k} of each epoch (steps 1, 1 + k, …). */
    public TaskAffinity every(int k) {
        return new TaskAffinity(k, stepSize);
    }

    /** The same option with look-ahead step size {@code eta} instead of the learning rate. */
    public TaskAffinity stepSize(double eta) {
        return new TaskAffinity(every, eta);
    }

    /** Whether step {@code step} of an epoch (1-based) is sampled. */
    public boolean samples(int step) {
        return (step - 1) % every == 0;
    }

    /** The look-ahead's step size for a fit whose learning rate is {@code learningRate}. */
    public double stepSizeFor(double learningRate) {
        return Double.isNaN(stepSize) ? learningRate : stepSize;
    }

    @Override
    @Internal
    public void applyTo(FitSettings.Builder settings) {
        settings.taskAffinity = this;
    }

    @Override
    public String toString() {
        String text = "taskAffinity()";
        if (every != 1) {
            text += ".every(" + every + ")";
        }
        if (!Double.isNaN(stepSize)) {
            text += ".stepSize(" + stepSize + ")";
        }
        return text;
    }
}
