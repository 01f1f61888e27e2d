package org.mtl4j.progress;

/**
 * Where a {@link Progress} shows itself: the console by default, a progress bar under the running
 * cell in a notebook (the mtl4j Jupyter extension installs one with {@link Progress#install}).
 *
 * <p>Example, a bar that prints each state:
 *
 * <pre>{@code
 * Progress.install(() -> new ProgressBar() {
 *     public void show(long done, long total, String line) { System.out.println(line); }
 *     public void end(long done, long total, String line) { System.out.println(line); }
 * });
 * }</pre>
 */
public interface ProgressBar {

    /**
     * Shows that {@code done} of {@code total} are done; {@code line} says it in words ("3/10
     * configurations · 0:12 elapsed · 0:42 left"). Called at most a few times a second.
     */
    void show(long done, long total, String line);

    /** The last state: the work is over ("10/10 configurations in 1:25") or stopped early. */
    void end(long done, long total, String line);
}
