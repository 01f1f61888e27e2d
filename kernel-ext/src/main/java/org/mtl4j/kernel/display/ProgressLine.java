package org.mtl4j.kernel.display;

import java.util.Locale;

/**
 * The text of a live view's progress line, from plain figures (no clock reads here):
 * {@code epoch 3/30 (model epoch 33), step 12/40 · 850 steps/s · 0:02 elapsed · 0:10 left}.
 * Epochs count within the fit, with the model's epoch number added when earlier fits ran; the
 * rate and time left come from the steps after the first one (which carries the warm-up), and
 * read "estimating" until a second step has run.
 *
 * <p>Example: {@code ProgressLine.of(1, 30, 31, 5, 40, 850, 2.2, 10.4)}
 */
final class ProgressLine {

    private ProgressLine() {}

    /**
     * The line.
     *
     * @param fitEpoch the epoch within this fit, from 1
     * @param fitEpochs epochs of this fit
     * @param modelEpoch the epoch number in the model's history
     * @param step step within the epoch
     * @param stepsPerEpoch steps per epoch
     * @param rate steps per second (NaN while unknown)
     * @param elapsed seconds since the fit started
     * @param left seconds left (NaN while unknown)
     */
    static String of(int fitEpoch, int fitEpochs, int modelEpoch, int step, int stepsPerEpoch,
            double rate, double elapsed, double left) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d",
                fitEpoch, fitEpochs));
        if (modelEpoch != fitEpoch) {
            text.append(" (model epoch ").append(modelEpoch).append(')');
        }
        text.append(String.format(Locale.ROOT, ", step %d/%d", step, stepsPerEpoch));
        text.append(" · ").append(Double.isNaN(rate) ? "estimating" : rate(rate) + " steps/s");
        text.append(" · ").append(clock(elapsed)).append(" elapsed");
        if (!Double.isNaN(left)) {
            text.append(" · ").append(clock(left)).append(" left");
        }
        return text.toString();
    }

    /** Steps per second with 3 significant digits at most ("1,230", "85.2", "0.42"). */
    static String rate(double stepsPerSecond) {
        if (stepsPerSecond >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(stepsPerSecond));
        }
        return String.format(Locale.ROOT, stepsPerSecond >= 10 ? "%.1f" : "%.2f", stepsPerSecond);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        if (total >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60,
                    total % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
