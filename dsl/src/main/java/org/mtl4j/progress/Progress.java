package org.mtl4j.progress;

import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The progress of long work that is not a fit: a loop over seeds or configurations of quiet fits
 * ({@link #over}), or {@code predict}/{@code evaluate} on a large table ({@link #delayed}, which
 * shows nothing for work that ends within {@value #DELAY_SECONDS} s). It reads "3/10
 * configurations · 0:18 elapsed · 0:42 left" while it runs ({@link ProgressText}) and "10/10
 * configurations in 1:25" at the end, in a notebook as a progress bar under the cell, elsewhere on
 * the console ({@link ProgressBar}). Updates reach the bar at most every {@value #REFRESH_SECONDS}
 * s, and always the first and the last. Inside such a loop, {@code predict}/{@code evaluate} show
 * no bar of their own: the loop's bar shows the work (a loop that breaks off stops counting as
 * running once its iterator is collected).
 *
 * <p>Example (also {@code progress(...)} in {@code Mtl4j}):
 *
 * <pre>{@code
 * for (long seed : Progress.over("seeds", List.of(1L, 2L, 3L))) {
 *     model(seed).fit(table, epochs(50), seed(seed), quiet());
 * }
 * }</pre>
 */
public final class Progress {

    /** Work that ends sooner than this many seconds after it started shows no progress. */
    public static final double DELAY_SECONDS = 1.0;

    /** Seconds between two updates of a bar. */
    public static final double REFRESH_SECONDS = 0.25;

    private static final Supplier<ProgressBar> CONSOLE =
            () -> new ConsoleBar(System.out, System.console() != null);

    private static volatile Supplier<ProgressBar> installed = CONSOLE;
    /** The {@link #over} loop running on this thread, weakly: a loop that breaks off lets go. */
    private static final ThreadLocal<WeakReference<Progress>> LOOP = new ThreadLocal<>();

    private final String noun;
    private final long total;
    private final long delayNanos;
    private final LongSupplier clock;
    private final Supplier<ProgressBar> bars;
    private final long start;
    private ProgressBar bar;
    private long done;
    private long lastShown;
    private boolean ended;

    Progress(String noun, long total, double delaySeconds, LongSupplier clock,
            Supplier<ProgressBar> bars) {
        this.noun = noun;
        this.total = total;
        this.delayNanos = (long) (delaySeconds * 1e9);
        this.clock = clock;
        this.bars = bars;
        this.start = clock.getAsLong();
    }

    /** Uses {@code bars} for every later progress in this JVM (null goes back to the console). */
    public static void install(Supplier<ProgressBar> bars) {
        installed = bars == null ? CONSOLE : bars;
    }

    /**
     * {@code items} with a progress that counts them as the loop takes them: shown at once, ended
     * when the loop has taken every item (a loop that breaks off or throws leaves the bar where
     * it stopped).
     *
     * @param noun what the items are, plural ("seeds", "configurations")
     */
    public static <T> Iterable<T> over(String noun, Collection<? extends T> items) {
        return () -> new Counted<>(new Progress(noun, items.size(), 0, System::nanoTime,
                installed), items.iterator());
    }

    /**
     * A progress of {@code total} {@code noun} that appears only once the work has run {@value
     * #DELAY_SECONDS} s (quick calls show nothing), and never inside an {@link #over} loop on
     * this thread. Call {@link #advance} as work gets done and {@link #end} when it is over (in a
     * {@code finally}).
     */
    public static Progress delayed(String noun, long total) {
        return delayed(noun, total, System::nanoTime);
    }

    static Progress delayed(String noun, long total, LongSupplier clock) {
        WeakReference<Progress> reference = LOOP.get();
        Progress loop = reference == null ? null : reference.get();
        boolean insideLoop = loop != null && !loop.ended;
        return new Progress(noun, total, insideLoop ? Double.POSITIVE_INFINITY : DELAY_SECONDS,
                clock, installed);
    }

    /** Records that {@code done} of the total are done (shown when due). */
    public void advance(long done) {
        this.done = done;
        long now = clock.getAsLong();
        if (now - start < delayNanos || ended) {
            return;
        }
        if (bar == null || now - lastShown >= (long) (REFRESH_SECONDS * 1e9)) {
            lastShown = now;
            if (bar == null) {
                bar = bars.get();
            }
            bar.show(done, total, ProgressText.running(noun, done, total, seconds(now)));
        }
    }

    /** Ends the progress: its last line, if it was shown at all. Ending twice does nothing. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (bar != null) {
            bar.end(done, total, ProgressText.ended(noun, done, total,
                    seconds(clock.getAsLong())));
        }
    }

    /** How many are done so far. */
    public long done() {
        return done;
    }

    private double seconds(long now) {
        return (now - start) / 1e9;
    }

    /** Counts the items as the loop takes them: item k taken means k - 1 done. */
    private static final class Counted<T> implements Iterator<T> {
        private final Progress progress;
        private final Iterator<? extends T> items;
        /** The loop this one runs inside, if any, running again once this one ends. */
        private final WeakReference<Progress> outer;
        private long taken;

        Counted(Progress progress, Iterator<? extends T> items) {
            this.progress = progress;
            this.items = items;
            this.outer = LOOP.get();
            LOOP.set(new WeakReference<>(progress));
            progress.advance(0);
        }

        @Override
        public boolean hasNext() {
            boolean more = items.hasNext();
            if (!more && !progress.ended) {
                progress.advance(taken);
                progress.end();
                LOOP.set(outer);
            }
            return more;
        }

        @Override
        public T next() {
            if (!items.hasNext()) {
                throw new NoSuchElementException("Progress.over(): no items left after "
                        + taken + ".");
            }
            progress.advance(taken);
            taken++;
            return items.next();
        }
    }
}
