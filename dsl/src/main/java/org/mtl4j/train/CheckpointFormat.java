package org.mtl4j.train;

import java.nio.file.Path;
import org.mtl4j.annotation.Internal;
import org.mtl4j.model.ModelParts;

/**
 * How a fit writes a checkpoint file: the model file format, handed in by {@code MultiTaskModel}
 * ({@code ModelFile::write}) so that training does not depend on persistence.
 *
 * <p>Example: {@code Training.fit(parts, table, split, settings, before, h -> {}, ModelFile::write)}
 */
@FunctionalInterface
@Internal
public interface CheckpointFormat {

    /** Writes {@code parts} and {@code history} to {@code file} atomically. */
    void write(Path file, ModelParts parts, TrainingHistory history);
}
