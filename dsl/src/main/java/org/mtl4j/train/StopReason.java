package org.mtl4j.train;

/**
 * Why a fit ended: it ran all its epochs, early stopping ended it, a listener asked it to stop,
 * the thread was interrupted, or a non-finite loss or gradient stopped it.
 *
 * <p>Example: {@code run.stopReason().kind() == StopReason.Kind.EARLY_STOPPING} and {@code
 * run.stopReason().toString()} reads e.g. "early stopping at epoch 9: the validation loss of task
 * 'a' did not improve for 3 epochs; best epoch 6 restored".
 *
 * @param kind what ended the fit
 * @param epoch the last epoch the fit completed (0 when it completed none)
 * @param detail a sentence on the cause (empty when the fit completed)
 * @param restoredEpoch the epoch whose parameters the model was given back at the end (early
 *     stopping's best epoch), or 0 when the parameters are those of the last step
 */
public record StopReason(Kind kind, int epoch, String detail, int restoredEpoch) {

    /** What ended a fit. */
    public enum Kind {
        /** It ran every epoch it was asked for. */
        COMPLETED,
        /** Early stopping saw no improvement for its patience. */
        EARLY_STOPPING,
        /** A listener called {@link FitControl#stopTraining}. */
        STOP_REQUESTED,
        /** The training thread was interrupted. */
        INTERRUPTED,
        /** A non-finite loss or gradient (see {@code TrainingDivergedException}). */
        DIVERGED
    }

    /** Checks the values. */
    public StopReason {
        if (kind == null || detail == null) {
            throw new IllegalArgumentException("A stop reason needs a kind and a detail. Received:"
                    + " kind=" + kind + ", detail=" + detail + ".");
        }
    }

    /** A fit that ran all its epochs. */
    public static StopReason completed(int epoch) {
        return new StopReason(Kind.COMPLETED, epoch, "", 0);
    }

    /** This reason, saying that the parameters of {@code epoch} were given back. */
    public StopReason restoring(int epoch) {
        return new StopReason(kind, this.epoch, detail, epoch);
    }

    @Override
    public String toString() {
        String text = switch (kind) {
            case COMPLETED -> "completed";
            case EARLY_STOPPING -> "early stopping at epoch " + epoch;
            case STOP_REQUESTED -> "stopped on request after epoch " + epoch;
            case INTERRUPTED -> "interrupted after epoch " + epoch;
            case DIVERGED -> "diverged after epoch " + epoch;
        };
        if (!detail.isEmpty()) {
            text += ": " + detail;
        }
        if (restoredEpoch > 0) {
            text += "; best epoch " + restoredEpoch + " restored";
        }
        return text;
    }
}
