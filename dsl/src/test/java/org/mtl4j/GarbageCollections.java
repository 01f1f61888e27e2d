package org.mtl4j;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Forces garbage collections, with some allocation churn in between, and waits until the JVM has
 * run the cleaners they found: gradient tests run it between forward and backward, where a
 * collection frees DJL's temporary scalar tensors (the DJL bug that {@link
 * org.mtl4j.engine.Scalars} works around).
 *
 * <p>A collection only finds the direct buffers that died; the JVM's reference handler thread
 * frees their memory afterwards, on its own time. Each round therefore waits for a sentinel
 * reference of its own to be enqueued, and the next round starts only then: the handler takes a
 * collection's references as one list and finishes it before it takes the next, so once the second
 * round's sentinel is enqueued, every buffer the first round found is freed (on a busy machine,
 * without the wait, backward could run before the free and a bug go unseen).
 *
 * <p>Example: {@code new TrainingStep(..., GarbageCollections::force)}
 */
public final class GarbageCollections {

    private static final long SENTINEL_WAIT_MS = 5000;

    private GarbageCollections() {}

    /** Three collections with 1 MiB of short-lived arrays around each, each processed in full. */
    public static void force() {
        for (int i = 0; i < 3; i++) {
            collectAndWait();
            byte[][] churn = new byte[64][];
            for (int j = 0; j < churn.length; j++) {
                churn[j] = new byte[16 * 1024];
            }
        }
    }

    private static void collectAndWait() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        System.gc();
        try {
            if (queue.remove(SENTINEL_WAIT_MS) == null) {
                throw new IllegalStateException("The JVM did not process references within "
                        + SENTINEL_WAIT_MS + " ms of System.gc(). Received: sentinel " + sentinel
                        + " still pending. Run without -XX:+DisableExplicitGC.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the collection.", e);
        }
    }
}
