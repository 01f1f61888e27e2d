package org.mtl4j.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a magic's slow work on a thread of its own while the kernel's shell thread waits, so that
 * an interrupt can end the wait at once ({@link #cancel()}) without interrupting the shell thread
 * (which owns the sockets). The work's thread is interrupted; work that does not react (a blocked
 * socket read) finishes in the background and its result is dropped.
 *
 * <p>Example: {@code List<Path> jars = task.run("%maven", () -> MavenResolution.resolve(args));}
 */
final class MagicTask {

    private volatile FutureTask<?> running;

    /**
     * Runs {@code work} and returns its result.
     *
     * @throws CellInterruptedException if {@link #cancel()} was called meanwhile
     */
    <T> T run(String what, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "mtl4j-magic " + what);
        thread.setDaemon(true);
        running = task;
        thread.start();
        try {
            return task.get();
        } catch (CancellationException | InterruptedException e) {
            throw new CellInterruptedException("Interrupted: " + what + " was cancelled.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } finally {
            running = null;
        }
    }

    /** Cancels the running work, if any (from any thread). */
    void cancel() {
        FutureTask<?> task = running;
        if (task != null) {
            task.cancel(true);
        }
    }
}
