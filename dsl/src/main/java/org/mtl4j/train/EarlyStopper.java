package org.mtl4j.train;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.mtl4j.model.MultiTaskBlock;

/**
 * Runs an {@link EarlyStopping} over one fit: after each epoch it reads the monitored value,
 * keeps a copy of the parameters when the epoch is the best so far (with {@code restoreBest}),
 * and says when patience ran out; at the end it writes the best parameters back.
 */
final class EarlyStopper implements AutoCloseable {

    private final EarlyStopping stopping;
    private final MultiTaskBlock block;
    private final NDManager manager;
    private final Improvement watch;
    private ParameterSnapshot best;
    private int waited;
    private int lastEpoch;

    EarlyStopper(EarlyStopping stopping, MultiTaskBlock block, NDManager manager) {
        this.stopping = stopping;
        this.block = block;
        this.manager = manager;
        this.watch = new Improvement(stopping.monitor(), stopping.minDelta());
    }

    /**
     * After epoch {@code epoch}.
     *
     * @return why to stop now, or null to go on
     */
    String epochEnded(EpochRecord epoch) {
        lastEpoch = epoch.epoch();
        if (watch.offer(stopping.monitor().valueIn(epoch), epoch.epoch())) {
            waited = 0;
            if (stopping.restoreBest()) {
                if (best != null) {
                    best.close();
                }
                best = new ParameterSnapshot(block, manager);
            }
            return null;
        }
        if (++waited < stopping.patience()) {
            return null;
        }
        return Double.isNaN(watch.best())
                ? stopping.monitor() + " was not a number for " + waited + " epochs"
                : stopping.monitor() + " did not improve on " + number(watch.best())
                        + " (epoch " + watch.bestEpoch() + ") for " + waited + " epoch"
                        + (waited == 1 ? "" : "s");
    }

    /**
     * Gives the model the best epoch's parameters if they are not the current ones.
     *
     * @param movedSinceLastEpoch whether steps ran after the last completed epoch
     * @return the epoch restored, or 0
     */
    int restoreBest(boolean movedSinceLastEpoch) {
        if (best == null || (watch.bestEpoch() == lastEpoch && !movedSinceLastEpoch)) {
            return 0;
        }
        best.restore();
        return watch.bestEpoch();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    @Override
    public void close() {
        if (best != null) {
            best.close();
        }
    }
}
