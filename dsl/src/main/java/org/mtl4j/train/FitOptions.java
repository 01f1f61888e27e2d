package org.mtl4j.train;

import ai.djl.Device;

/**
 * Factories of {@link FitOption}s (re-exported by {@code org.mtl4j.Mtl4j} for static import).
 *
 * <p>Example: {@code model.fit(table, FitOptions.epochs(20), FitOptions.batchSize(32))}
 */
public final class FitOptions {

    private FitOptions() {}

    /** Number of passes over the training split (default 10). */
    public static FitOption epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException(
                    "epochs must be at least 1. Received: epochs(" + epochs
                            + "). Use e.g. epochs(10).");
        }
        return settings -> settings.epochs = epochs;
    }

    /** Rows per training step (default 64). */
    public static FitOption batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "batchSize must be at least 1. Received: batchSize(" + batchSize
                            + "). Use e.g. batchSize(64).");
        }
        return settings -> settings.batchSize = batchSize;
    }

    /** Fraction of rows held out, seeded, to report validation loss and metrics (default 0). */
    public static FitOption validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "validationSplit must be in [0, 1). Received: validationSplit(" + fraction
                            + "). Use e.g. validationSplit(0.2).");
        }
        return settings -> settings.validationSplit = fraction;
    }

    /** Seed of the split, shuffling, initialisation and dropout (default 42). */
    public static FitOption seed(long seed) {
        return settings -> settings.seed = seed;
    }

    /** Where to train, e.g. {@code Device.cpu()} or {@code Device.gpu(0)} (default: automatic). */
    public static FitOption device(Device device) {
        if (device == null) {
            throw new IllegalArgumentException(
                    "device() needs a device. Received: device(null). Use e.g."
                            + " device(Device.cpu()).");
        }
        return settings -> settings.device = device;
    }

    /**
     * Splits each batch across the first {@code count} GPUs (see {@link Devices}); {@code
     * devices(1)} is {@code device(Device.gpu(0))}. Default: one device.
     */
    public static FitOption devices(int count) {
        Devices devices = Devices.firstGpus(count);
        return settings -> settings.devices = devices;
    }

    /**
     * Splits each batch across {@code devices}, the first holding the model (see {@link
     * Devices}); {@code devices(Device.cpu(), Device.cpu())} tests the splitting on the CPU.
     */
    public static FitOption devices(Device... devices) {
        Devices chosen = Devices.of(devices);
        return settings -> settings.devices = chosen;
    }

    /** Intra-op CPU threads of libtorch (default: automatic, see {@link FitSettings}). */
    public static FitOption threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "threads must be at least 1. Received: threads(" + threads
                            + "). Use e.g. threads(1).");
        }
        return settings -> settings.threads = threads;
    }

    /** Scales the gradients down when their global L2 norm exceeds {@code maxNorm}. */
    public static FitOption clipGradientNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException(
                    "clipGradientNorm must be a positive number. Received: clipGradientNorm("
                            + maxNorm + "). Use e.g. clipGradientNorm(1.0).");
        }
        return settings -> settings.clipGradientNorm = maxNorm;
    }

    /** Prints nothing while training. */
    public static FitOption quiet() {
        return settings -> settings.quiet = true;
    }

    /** Calls {@code listener} as training progresses. */
    public static FitOption listener(FitListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException(
                    "listener() needs a listener. Received: listener(null).");
        }
        return settings -> settings.listeners.add(listener);
    }

    /**
     * Skips a step whose loss, gradient or task weights are not finite instead of stopping the
     * fit (the default stops with a {@code TrainingDivergedException}); the run counts the
     * skipped steps. A whole epoch's worth of skipped steps in a row still stops the fit.
     */
    public static FitOption skipNonFiniteSteps() {
        return settings -> settings.controls(TrainingControls::skippingNonFiniteSteps);
    }

    /** SGD with a fixed learning rate; add {@code .momentum(0.9)} for momentum. */
    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec("sgd", learningRate, 0, 0);
    }

    /** Adam (Kingma and Ba 2015) with a fixed learning rate (betas 0.9, 0.999; eps 1e-8). */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, 0, 0);
    }

    /** AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay (default 0.01). */
    public static OptimizerSpec adamW(double learningRate) {
        return new OptimizerSpec("adamW", learningRate, 0, 0.01);
    }
}
