package org.mtl4j.progress;

import java.util.Locale;

/**
 * The words of a progress, from plain figures (no clock reads here).
 *
 * <p>Example: {@code ProgressText.running("configurations", 3, 10, 18)} is {@code "3/10
 * configurations · 0:18 elapsed · 0:42 left"}; {@code ProgressText.ended("configurations", 10,
 * 10, 85)} is {@code "10/10 configurations in 1:25"}.
 */
public final class ProgressText {

    private ProgressText() {}

    /**
     * While it runs: done of total, the time so far and, once something is done, the time left at
     * the mean pace so far.
     */
    public static String running(String noun, long done, long total, double elapsed) {
        String text = done + "/" + total + " " + noun + " · " + clock(elapsed) + " elapsed";
        if (done > 0 && done < total) {
            text += " · " + clock(elapsed / done * (total - done)) + " left";
        }
        return text;
    }

    /** When it is over: "10/10 configurations in 1:25", or "stopped at 3/10 … after 0:40". */
    public static String ended(String noun, long done, long total, double elapsed) {
        return done >= total ? done + "/" + total + " " + noun + " in " + clock(elapsed)
                : "stopped at " + done + "/" + total + " " + noun + " after " + clock(elapsed);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    public static String clock(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        if (total >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60,
                    total % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
