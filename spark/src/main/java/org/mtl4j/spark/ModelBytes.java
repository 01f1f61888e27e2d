package org.mtl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.train.TrainingHistory;

/**
 * A model file's bytes (the format of {@code model.save}), which is what travels between the
 * driver and the executors: to the executors in a broadcast, back from the first replica.
 *
 * <p>Example: {@code byte[] bytes = ModelBytes.of(model); MultiTaskModel copy =
 * ModelBytes.load(bytes);}
 */
final class ModelBytes {

    private ModelBytes() {}

    /** The bytes of {@code model.save(...)}. */
    static byte[] of(MultiTaskModel model) {
        return viaFile(path -> model.save(path));
    }

    /** The bytes of a model file holding {@code parts} and {@code history}. */
    static byte[] of(ModelParts parts, TrainingHistory history) {
        return viaFile(path -> ModelFile.write(path, parts, history));
    }

    /** The model (spec, parts, history) a model file's bytes hold. */
    static ModelFile.Loaded read(byte[] bytes) {
        Path file = write(bytes);
        try {
            return ModelFile.read(file);
        } finally {
            delete(file);
        }
    }

    /** The model a model file's bytes hold, as {@code MultiTaskModel.load} gives it. */
    static MultiTaskModel load(byte[] bytes) {
        Path file = write(bytes);
        try {
            return MultiTaskModel.load(file);
        } finally {
            delete(file);
        }
    }

    private interface Writer {
        void write(Path path);
    }

    private static byte[] viaFile(Writer writer) {
        try {
            Path dir = Files.createTempDirectory("mtl4j-spark");
            Path file = dir.resolve("model.mtl4j");
            try {
                writer.write(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a model to a temporary file", e);
        }
    }

    private static Path write(byte[] bytes) {
        try {
            Path file = Files.createTempFile("mtl4j-spark", ".mtl4j");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a model to a temporary file", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the temporary model file " + file, e);
        }
    }
}
