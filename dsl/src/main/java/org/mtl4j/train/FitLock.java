package org.mtl4j.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One fit at a time per JVM. DJL's PyTorch engine allows one {@code GradientCollector} per JVM at
 * a time, so two fits that overlap (two models trained from two threads, or a notebook cell
 * started while a fit runs in the background) cannot both train. The policy: a second fit from
 * another thread <b>waits its turn</b> (first come, first served; its listeners' {@link
 * FitListener#fitWaiting} says which fit it waits for, and an interrupt while it waits
 * ends it with no epoch run); a fit started on the thread that is already fitting (from a
 * listener) fails at once with an {@link IllegalStateException}, since waiting would never end.
 *
 * <p>Example: two threads each calling {@code model.fit(...)} on their own model both finish,
 * one after the other, with the same results as sequential fits.
 */
final class FitLock {

    private static final Object MONITOR = new Object();
    private static final Deque<Thread> QUEUE = new ArrayDeque<>();
    private static Thread owner;
    private static volatile Running running;

    private FitLock() {}

    /** The fit holding the lock, described for messages. */
    static final class Running {
        private final List<String> tasks;
        private final String thread;
        private final int epochs;
        private volatile int epoch;

        Running(List<String> tasks, int epochs) {
            this.tasks = List.copyOf(tasks);
            this.thread = Thread.currentThread().getName();
            this.epochs = epochs;
        }

        /** The fit has reached {@code epochOfFit} (from 1). */
        void at(int epochOfFit) {
            epoch = epochOfFit;
        }

        @Override
        public String toString() {
            return "the fit of the model with tasks " + tasks + " on thread '" + thread + "'"
                    + (epoch > 0 ? " (epoch " + epoch + " of " + epochs + ")" : "");
        }
    }

    /**
     * Takes the lock for a fit, waiting (first come, first served) for a running one to end. A
     * lock whose holder thread died without giving it back counts as free.
     *
     * @param fit the fit taking it
     * @param waiting told what the fit waits for, before it waits
     * @return the held lock (close it when the fit ends), or null if interrupted while waiting
     *     (the interrupt flag is set again)
     * @throws IllegalStateException if this thread is already fitting
     */
    static Held acquire(Running fit, Consumer<String> waiting) {
        Thread me = Thread.currentThread();
        synchronized (MONITOR) {
            if (owner == me) {
                throw new IllegalStateException("fit() was called on thread '" + me.getName()
                        + "' while " + running + " runs on it (from one of its listeners?). DJL"
                        + " trains one model at a time per JVM. Call fit() after the running fit"
                        + " returns, e.g. after the cell or method that started it.");
            }
            QUEUE.addLast(me);
            try {
                boolean told = false;
                while (busy() || QUEUE.peekFirst() != me) {
                    if (!told) {
                        waiting.accept(String.valueOf(running));
                        told = true;
                    }
                    MONITOR.wait(1000);
                }
            } catch (InterruptedException interrupted) {
                me.interrupt();
                return null;
            } finally {
                QUEUE.remove(me);
                MONITOR.notifyAll();
            }
            owner = me;
            running = fit;
            return new Held(me);
        }
    }

    /** Whether a live thread holds the lock. */
    private static boolean busy() {
        return owner != null && owner.isAlive();
    }

    /** The lock held by a fit. */
    static final class Held implements AutoCloseable {
        private final Thread holder;

        private Held(Thread holder) {
            this.holder = holder;
        }

        @Override
        public void close() {
            synchronized (MONITOR) {
                if (owner == holder) {
                    owner = null;
                    running = null;
                }
                MONITOR.notifyAll();
            }
        }
    }
}
