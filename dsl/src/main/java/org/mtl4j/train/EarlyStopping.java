package org.mtl4j.train;


/**
 * Stops a fit when a monitored quantity has not improved for {@code patience} epochs, and by
 * default gives the model back the parameters of its best epoch (like Keras' {@code
 * EarlyStopping(restore_best_weights=True)}). An epoch improves when it beats the best value so
 * far by more than {@code minDelta} (lower for losses, mae and rmse; higher for accuracy and
 * macroF1). The best parameters are restored when the fit ends for any reason (early stopping,
 * the last epoch, an interrupt, a stop request or divergence) once an epoch completed; the
 * history keeps every epoch, and {@code run.stopReason()} names the best epoch. The optimizer's
 * state is not restored. Best values count from this fit's first epoch.
 *
 * <p>Defaults: patience 3, minimum change 0, restore the best parameters.
 *
 * <p>Example:
 *
 * <pre>{@code
 * model.fit(table, epochs(100), validationSplit(0.2),
 *     earlyStopping(monitor("sentiment", accuracy())).patience(5).minDelta(0.001));
 * }</pre>
 *
 * @param monitor what to watch
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta smallest change that counts as an improvement, at least 0
 * @param restoreBest whether to give the model the best epoch's parameters at the end
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest)
        implements FitOption {

    /** Default patience. */
    public static final int DEFAULT_PATIENCE = 3;

    /** Checks the values. */
    public EarlyStopping {
        if (monitor == null) {
            throw new IllegalArgumentException("earlyStopping() needs a monitor. Received:"
                    + " earlyStopping(null). Use e.g. earlyStopping(validationLoss()).");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1. Received:"
                    + " patience(" + patience + "). Use e.g. patience(3).");
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number of at least 0."
                    + " Received: minDelta(" + minDelta + "). Use e.g. minDelta(0.001).");
        }
    }

    /** Early stopping on {@code monitor} with the defaults. */
    public static EarlyStopping on(Monitor monitor) {
        return new EarlyStopping(monitor, DEFAULT_PATIENCE, 0, true);
    }

    /** Stops after {@code epochs} epochs without improvement. */
    public EarlyStopping patience(int epochs) {
        return new EarlyStopping(monitor, epochs, minDelta, restoreBest);
    }

    /** Counts only changes larger than {@code delta} as improvements. */
    public EarlyStopping minDelta(double delta) {
        return new EarlyStopping(monitor, patience, delta, restoreBest);
    }

    /** Whether to give the model the best epoch's parameters at the end (default true). */
    public EarlyStopping restoreBest(boolean restore) {
        return new EarlyStopping(monitor, patience, minDelta, restore);
    }

    @Override
    public void applyTo(FitSettings.Builder settings) {
        settings.controls(controls -> controls.with(this));
    }

    @Override
    public String toString() {
        return "earlyStopping(" + monitor + ", patience " + patience + ", minDelta " + minDelta
                + (restoreBest ? ", restoring the best epoch)" : ")");
    }
}
