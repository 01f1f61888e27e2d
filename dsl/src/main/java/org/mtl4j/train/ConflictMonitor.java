package org.mtl4j.train;

import org.mtl4j.annotation.Internal;

/**
 * The fit option that records how the tasks' gradients relate: every {@code every}-th step of an
 * epoch (steps 1, 1 + k, 1 + 2k, … of each epoch, so every epoch has at least one sample), each
 * labelled task's gradient of the shared parameters (the sharing block's: the trunk under hard
 * sharing, experts and gates under MMoE/CGC/PLE, columns and stitch units under cross-stitch) is
 * taken on its own, and for every pair of tasks the epoch's history gets the mean cosine, the
 * fraction of sampled steps where the cosine is negative (the tasks conflict) and the geometric
 * mean of the gradients' norm ratio. See {@link TrainingHistory#conflictTable()}.
 *
 * <p>The monitor only reads gradients: a sampled step backpropagates each task's loss on its own
 * (keeping the graph), copies the shared gradients, zeroes every gradient, and then the step goes
 * on as it would without the monitor, so training results are bit-identical. Cost: one extra
 * backward per labelled task on a sampled step (plus one copy of the shared gradients per task);
 * without the option nothing runs. Measured on the seed example's model (10 → 20 trunk, 5 heads,
 * batch 64, 1 CPU thread): 0.63 ms of the training thread per step without the monitor, about
 * 1.4 ms more per sampled step (so +30 % with {@code every(10)}, ×3.3 with every step).
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = model.fit(table, epochs(10), adam(1e-3), conflictMonitor().every(4));
 * Table conflicts = run.history().conflictTable();
 * HeatMapChart heat = ConflictCharts.heatmap(run.history());
 * }</pre>
 *
 * @param every sample one step in {@code every} (default 1: every step)
 */
public record ConflictMonitor(int every) implements FitOption {

    /** Every step sampled. */
    public static final ConflictMonitor DEFAULT = new ConflictMonitor(1);

    /** Checks {@code every}. */
    public ConflictMonitor {
        if (every < 1) {
            throw new IllegalArgumentException("conflictMonitor().every(k) needs k >= 1 (1 samples"
                    + " every step). Received: every(" + every + "). Use every(1) or a larger k.");
        }
    }

    /** The same monitor sampling one step in {@code k} of each epoch (steps 1, 1 + k, …). */
    public ConflictMonitor every(int k) {
        return new ConflictMonitor(k);
    }

    /** Whether step {@code step} of an epoch (1-based) is sampled. */
    public boolean samples(int step) {
        return (step - 1) % every == 0;
    }

    @Override
    @Internal
    public void applyTo(FitSettings.Builder settings) {
        settings.conflictMonitor = this;
    }

    @Override
    public String toString() {
        return every == 1 ? "conflictMonitor()" : "conflictMonitor().every(" + every + ")";
    }
}
