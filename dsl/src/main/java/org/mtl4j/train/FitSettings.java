package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mtl4j.annotation.Internal;

/**
 * All settings of one {@code fit()}, after the {@link FitOption}s are applied to the defaults:
 * 10 epochs, batch size 64, {@code adam(1e-3)}, no validation split, seed 42, the GPU if DJL sees
 * one (else the CPU), one device ({@code devices(...)} splits batches across several), an
 * automatic thread count (1 on machines with 2 cores or fewer, half the
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
 * @param controls early stopping, the learning-rate schedule and what a non-finite loss does
 *     (default: stop with a {@code TrainingDivergedException})
 * @param conflictMonitor the {@link ConflictMonitor}, or null (the default) for none
 * @param taskAffinity the {@link TaskAffinity} measurement, or null (the default) for none
 * @param frozen the parts {@code freeze(...)} keeps as they are in this fit (default none)
 * @param rehearsal the old rows {@code rehearsal(...)} mixes in, or null (the default) for none
 * @param devices the devices {@code devices(...)} splits each batch across, or null (the
 *     default) for one device
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
        List<FitListener> listeners,
        DataType dataType,
        TrainingControls controls,
        ConflictMonitor conflictMonitor,
        TaskAffinity taskAffinity,
        List<ModelPart> frozen,
        Rehearsal rehearsal,
        Devices devices) {

    /** The defaults. */
    public static final FitSettings DEFAULTS = new FitSettings(
            10, 64, new OptimizerSpec("adam", 1e-3, 0, 0), 0, 42, null, 0, 0, false, List.of(),
            DataType.FLOAT32, TrainingControls.DEFAULTS, null, null, List.of(), null, null);

    /** Copies the listener list. */
    public FitSettings {
        listeners = List.copyOf(listeners);
        frozen = List.copyOf(frozen);
    }

    /** The defaults with {@code options} applied in order. */
    public static FitSettings of(FitOption... options) {
        Builder settings = new Builder();
        for (FitOption option : options) {
            if (option == null) {
                throw new IllegalArgumentException(
                        "fit() received a null option. Pass options such as epochs(10) or"
                                + " adam(1e-3).");
            }
            option.applyTo(settings);
        }
        return settings.build();
    }

    /**
     * The settings being assembled from the options of one {@code fit()} call; only the options
     * of {@link FitOptions} fill it.
     */
    @Internal
    public static final class Builder {
        int epochs = DEFAULTS.epochs();
        int batchSize = DEFAULTS.batchSize();
        OptimizerSpec optimizer = DEFAULTS.optimizer();
        double validationSplit = DEFAULTS.validationSplit();
        long seed = DEFAULTS.seed();
        Device device = DEFAULTS.device();
        int threads = DEFAULTS.threads();
        double clipGradientNorm = DEFAULTS.clipGradientNorm();
        boolean quiet = DEFAULTS.quiet();
        final List<FitListener> listeners = new ArrayList<>();
        DataType dataType = DEFAULTS.dataType();
        TrainingControls controls = DEFAULTS.controls();
        ConflictMonitor conflictMonitor = DEFAULTS.conflictMonitor();
        TaskAffinity taskAffinity = DEFAULTS.taskAffinity();
        final List<ModelPart> frozen = new ArrayList<>();
        Rehearsal rehearsal = DEFAULTS.rehearsal();
        Devices devices = DEFAULTS.devices();

        Builder() {}

        /**
         * Changes the training controls (early stopping, schedule, non-finite policy); the
         * control options ({@link EarlyStopping}, schedules, {@link Checkpoints}) use it.
         */
        public void controls(UnaryOperator<TrainingControls> change) {
            controls = change.apply(controls);
        }

        /** Adds parts that {@code freeze(...)} keeps as they are. */
        void freeze(List<ModelPart> parts) {
            frozen.addAll(parts);
        }

        /** Sets the old rows {@code rehearsal(...)} mixes in. */
        void rehearsal(Rehearsal old) {
            rehearsal = old;
        }

        FitSettings build() {
            if (device != null && devices != null) {
                throw new IllegalArgumentException("device(...) and devices(...) both say where"
                        + " to train. Received: device(" + device + "), " + devices + ". Keep"
                        + " one: devices(...) alone (its first device holds the model).");
            }
            return new FitSettings(epochs, batchSize, optimizer, validationSplit, seed, device,
                    threads, clipGradientNorm, quiet, listeners, dataType, controls,
                    conflictMonitor, taskAffinity, frozen, rehearsal, devices);
        }
    }
}
