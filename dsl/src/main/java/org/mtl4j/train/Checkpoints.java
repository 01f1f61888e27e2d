package org.mtl4j.train;

import java.nio.file.Path;
import org.mtl4j.spec.ModelSpec;

/**
 * Saves the model into a folder while it trains (like Keras' and Lightning's {@code
 * ModelCheckpoint}), in the format of {@code model.save(path)} and with the same atomic writes,
 * so any checkpoint loads with {@code MultiTaskModel.load(path)} and goes on training:
 *
 * <ul>
 *   <li>{@code last.mtl4j} after every epoch (replaced each time);
 *   <li>with {@link #every every(n)}, also {@code epoch-0005.mtl4j} and so on every n epochs
 *       (kept; epochs counted over the model's history);
 *   <li>with {@link #best best(monitor)}, also {@code best.mtl4j} whenever the monitored value
 *       is the best of this fit so far.
 * </ul>
 *
 * <p>A checkpoint holds the model as the epoch left it (before early stopping restores its best
 * epoch at the end of the fit). The folder is created if needed. Default: {@code last.mtl4j}
 * only.
 *
 * <p>Example:
 *
 * <pre>{@code
 * model.fit(table, epochs(50), validationSplit(0.2),
 *     checkpoint(Path.of("runs/penguins")).every(10).best(validationLoss()));
 * var best = MultiTaskModel.load(Path.of("runs/penguins/best.mtl4j"));
 * }</pre>
 *
 * @param folder where the files go
 * @param every epochs between two kept checkpoints, or 0 for none
 * @param best the monitor of {@code best.mtl4j}, or null for none
 */
public record Checkpoints(Path folder, int every, Monitor best) implements FitOption {

    /** Checks the values. */
    public Checkpoints {
        if (folder == null) {
            throw new IllegalArgumentException("checkpoint() needs a folder. Received:"
                    + " checkpoint(null). Use e.g. checkpoint(Path.of(\"checkpoints\")).");
        }
        if (every < 0) {
            throw new IllegalArgumentException("every() needs at least 1 epoch. Received: every("
                    + every + "). Use e.g. every(5).");
        }
    }

    /** Checkpoints into {@code folder}: {@code last.mtl4j} after every epoch. */
    public static Checkpoints into(Path folder) {
        return new Checkpoints(folder, 0, null);
    }

    /** Also keeps {@code epoch-NNNN.mtl4j} every {@code epochs} epochs. */
    public Checkpoints every(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("every() needs at least 1 epoch. Received: every("
                    + epochs + "). Use e.g. every(5).");
        }
        return new Checkpoints(folder, epochs, best);
    }

    /** Also writes {@code best.mtl4j} whenever {@code monitor} is the best of the fit so far. */
    public Checkpoints best(Monitor monitor) {
        if (monitor == null) {
            throw new IllegalArgumentException("best() needs a monitor. Received: best(null)."
                    + " Use e.g. best(validationLoss()).");
        }
        return new Checkpoints(folder, every, monitor);
    }

    /** Checks, before training, that the monitor of {@code best} can be read. */
    public void check(ModelSpec spec, int validationRows) {
        if (best != null) {
            best.requireAvailable("checkpoint(...).best", spec, validationRows);
        }
    }

    @Override
    public void applyTo(FitSettings.Builder settings) {
        settings.controls(controls -> controls.with(this));
    }
}
