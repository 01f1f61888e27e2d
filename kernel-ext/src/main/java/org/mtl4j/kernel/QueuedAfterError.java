package org.mtl4j.kernel;

import java.util.function.BooleanSupplier;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * Honours {@code stop_on_error} as ipykernel does: when a cell fails, the execute requests that
 * had already arrived and were waiting behind it ("Run All") are aborted instead of run against
 * a broken state; requests arriving after the failure run. Only arrival order counts, never the
 * front end's clock (a browser whose clock runs behind would otherwise have fresh cells aborted).
 *
 * <p>How: at the failure, before the error is published, aborting starts if a request is
 * waiting on the shell socket. After each shell request has been handled (for an aborted one,
 * before its reply goes out), aborting ends as soon as nothing more is waiting: every request
 * that was queued at the failure has then been answered, and a cell the client sends on seeing
 * the reply to the last queued request is not taken for a queued one. Limit: an execute
 * request that arrives while the requests queued at the failure are still being answered
 * (aborts take microseconds, a first completion request about a second) counts as queued too.
 *
 * <p>Example: run all of {@code throw ...}, {@code int x = 1;}: the second cell is answered
 * {@code status: "aborted"} and {@code x} stays undefined; running it again later works.
 */
final class QueuedAfterError {

    private final BooleanSupplier requestWaiting;
    /** Only read and written on the shell thread. */
    private boolean aborting;

    /**
     * @param requestWaiting whether another request is waiting on the shell socket now (called
     *     on the shell thread only)
     */
    QueuedAfterError(BooleanSupplier requestWaiting) {
        this.requestWaiting = requestWaiting;
    }

    /** Whether {@code request} was already waiting when the last stopping failure happened. */
    boolean shouldAbort(Message<ExecuteRequest> request) {
        return aborting;
    }

    /** Records the end of a failed cell; aborts what waits behind it if it asked to stop. */
    void failed(Message<ExecuteRequest> request) {
        if (request.getContent().shouldStopOnError()) {
            aborting = requestWaiting.getAsBoolean();
        }
    }

    /** After any shell request: aborting ends once the queue present at the failure is empty. */
    void handled() {
        if (aborting && !requestWaiting.getAsBoolean()) {
            aborting = false;
        }
    }
}
