package org.mtl4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mtl4j.model.ModelParts;

/**
 * Writes a fit's {@link Checkpoints} at epoch ends in the {@link CheckpointFormat} (atomic): {@code
 * last.mtl4j} every epoch, {@code epoch-NNNN.mtl4j} every n epochs, {@code best.mtl4j} when the
 * monitored value improves.
 */
final class CheckpointWriter {

    private final Checkpoints checkpoints;
    private final ModelParts parts;
    private final Improvement best;
    private final CheckpointFormat format;

    /**
     * @throws IllegalArgumentException if the folder cannot be created, naming it
     */
    CheckpointWriter(Checkpoints checkpoints, ModelParts parts, CheckpointFormat format) {
        this.format = format;
        this.checkpoints = checkpoints;
        this.parts = parts;
        this.best = checkpoints.best() == null ? null : new Improvement(checkpoints.best(), 0);
        try {
            Files.createDirectories(checkpoints.folder());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint() cannot use the folder '"
                    + checkpoints.folder().toAbsolutePath() + "': " + e + ". Give a folder that"
                    + " can be created and written, e.g. checkpoint(Path.of(\"checkpoints\")).",
                    e);
        }
    }

    /** After an epoch, with the history that ends with it. */
    void epochEnded(EpochRecord epoch, TrainingHistory history) {
        write("last.mtl4j", history);
        if (checkpoints.every() > 0 && epoch.epoch() % checkpoints.every() == 0) {
            write(String.format(Locale.ROOT, "epoch-%04d.mtl4j", epoch.epoch()), history);
        }
        if (best != null && best.offer(checkpoints.best().valueIn(epoch), epoch.epoch())) {
            write("best.mtl4j", history);
        }
    }

    private void write(String name, TrainingHistory history) {
        Path file = checkpoints.folder().resolve(name);
        format.write(file, parts, history);
    }
}
