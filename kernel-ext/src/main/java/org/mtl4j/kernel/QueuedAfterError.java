package org.mtl4j.kernel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * Honours {@code stop_on_error}: when a cell fails, the cells the front end had already sent
 * after it ("Run All") are aborted instead of run against a broken state, as ipykernel does. A
 * request counts as already sent when its header's timestamp is earlier than the failure.
 *
 * <p>Example: run all of {@code throw ...}, {@code int x = 1;}: the second cell is answered
 * {@code status: "aborted"} and {@code x} stays undefined.
 */
final class QueuedAfterError {

    private volatile Instant failedAt = Instant.MIN;

    /** Whether {@code request} was sent before the last failure that stops the queue. */
    boolean shouldAbort(Message<ExecuteRequest> request) {
        Instant sent = sentAt(request);
        return sent != null && sent.isBefore(failedAt);
    }

    /** Records the end of a failed cell that asked to stop on error. */
    void failed(Message<ExecuteRequest> request) {
        if (request.getContent().shouldStopOnError()) {
            failedAt = Instant.now();
        }
    }

    private static Instant sentAt(Message<ExecuteRequest> request) {
        if (request.getHeader() == null || request.getHeader().getTimestamp() == null) {
            return null;
        }
        String date = request.getHeader().getTimestamp().getDateString();
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }
}
