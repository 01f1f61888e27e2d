package org.mtl4j.kernel.display;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outputs still being prepared for the running cell off the training thread (a live view's last
 * charts, drawn after {@code fit()} has returned). The mtl4j kernel waits for them before it ends
 * the cell, so they are part of the cell's output and of the saved notebook, while the fit itself
 * does not wait for them.
 *
 * <p>Example: {@code PendingOutputs.add(painter.submit(drawing)); … PendingOutputs.await();}
 */
public final class PendingOutputs {

    /** How long {@link #await} waits for one output at most. */
    public static final long TIMEOUT_SECONDS = 60;

    private static final Set<Future<?>> PENDING = ConcurrentHashMap.newKeySet();

    private PendingOutputs() {}

    /** Registers work whose output belongs to the running cell. */
    public static void add(Future<?> output) {
        PENDING.add(output);
    }

    /**
     * Waits until every registered output is done (each at most {@value #TIMEOUT_SECONDS} s), even
     * when this thread is interrupted (the interrupt is kept), and forgets them.
     */
    public static void await() {
        boolean interrupted = Thread.interrupted();
        try {
            for (Future<?> output : PENDING) {
                while (true) {
                    try {
                        output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException | TimeoutException e) {
                        break;
                    }
                }
                PENDING.remove(output);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Outputs registered and not yet awaited. */
    public static int count() {
        return PENDING.size();
    }
}
