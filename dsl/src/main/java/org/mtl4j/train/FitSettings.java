package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * All settings of one {@code fit()}, after the {@link FitOption}s are applied to the defaults:
 * 10 epochs, batch size 64, {@code adam(1e-3)}, no validation split, seed 42, the GPU if DJL sees
 * one (else the CPU), an automatic thread count (1 on machines with 2 cores or fewer, half the
 * cores up to 8 otherwise, or {@code MTL4J_THREADS}), no gradient clipping, progress printed to the
 * console.
 *
 * <p>Example: {@code FitSettings.of(epochs(5), quiet()).epochs()} is 5.
 *
 * @param epochs passes over the training split, at least 1
 * @param batchSize rows per step, at least 1
 * @param optimizer the optimizer
 * @param validationSplit fraction of rows held out for validation, in [0, 1)
 * @param seed seed for the split, shuffling, initialisation and dropout
 * @param device where to train, or null for automatic
 * @param threads intra-op CPU threads, or 0 for automatic
 * @param clipGradientNorm maximum global gradient L2 norm, or 0 for none
 * @param quiet true to print nothing
 * @param listeners called as training progresses
 * @param dataType the float type of parameters and features (FLOAT32)
 */
public record FitSettings(
        int epochs,
        int batchSize,
        OptimizerSpec optimizer,
        double validationSplit,
        long seed,
        Device device,
        int threads,
        double clipGradientNorm,
        boolean quiet,
        List<TrainingListener> listeners,
        DataType dataType) {

    /** The defaults. */
    public static final FitSettings DEFAULTS = new FitSettings(
            10, 64, new OptimizerSpec("adam", 1e-3, 0, 0), 0, 42, null, 0, 0, false, List.of(),
            DataType.FLOAT32);

    /** Copies the listener list. */
    public FitSettings {
        listeners = List.copyOf(listeners);
    }

    /** The defaults with {@code options} applied in order. */
    public static FitSettings of(FitOption... options) {
        FitSettings settings = DEFAULTS;
        for (FitOption option : options) {
            if (option == null) {
                throw new IllegalArgumentException(
                        "fit() received a null option. Pass options such as epochs(10) or"
                                + " adam(1e-3).");
            }
            settings = option.applyTo(settings);
        }
        return settings;
    }

    FitSettings withEpochs(int value) {
        return new FitSettings(value, batchSize, optimizer, validationSplit, seed, device, threads,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withBatchSize(int value) {
        return new FitSettings(epochs, value, optimizer, validationSplit, seed, device, threads,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withOptimizer(OptimizerSpec value) {
        return new FitSettings(epochs, batchSize, value, validationSplit, seed, device, threads,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withValidationSplit(double value) {
        return new FitSettings(epochs, batchSize, optimizer, value, seed, device, threads,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withSeed(long value) {
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, value, device,
                threads, clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withDevice(Device value) {
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, value, threads,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withThreads(int value) {
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, device, value,
                clipGradientNorm, quiet, listeners, dataType);
    }

    FitSettings withClipGradientNorm(double value) {
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, device,
                threads, value, quiet, listeners, dataType);
    }

    FitSettings withQuiet(boolean value) {
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, device,
                threads, clipGradientNorm, value, listeners, dataType);
    }

    FitSettings withListener(TrainingListener value) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(value);
        return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, device,
                threads, clipGradientNorm, quiet, all, dataType);
    }
}
