package org.mtl4j.kernel;

import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that sends a cell's output (streams, displays, display updates) to Jupyter.
 * Snippet threads only queue their output here. They must never write to the sockets themselves:
 * an interrupt that reaches a thread while it writes to a socket channel closes the channel for
 * good (Java NIO's rule), and the kernel would go silent — and interrupting snippet threads is how
 * a running cell is stopped. The queue is bounded, so a printing loop waits for the socket rather
 * than filling the memory.
 *
 * <p>Example: {@code publisher.submit(() -> io.display.display(data)); publisher.drain();}
 */
final class Publisher {

    private static final Runnable STOP = () -> {};

    /** How long stream text is gathered before it is sent (ipykernel: 200 ms). */
    static final long STREAM_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(4096);
    /** Stream text not sent yet, per stream, in first-written order (publisher thread only). */
    private final java.util.Map<OutputStream, java.io.ByteArrayOutputStream> pending =
            new java.util.LinkedHashMap<>();
    private long lastStreamSend = System.nanoTime() - STREAM_INTERVAL_NANOS;
    private final java.util.Set<OutputStream> streams = java.util.concurrent.ConcurrentHashMap
            .newKeySet();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Runnable beforeWrite = () -> {};

    Publisher() {
        thread = new Thread(this::run, "mtl4j-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code action}; waits while the queue is full. The caller's interrupt flag neither
     * drops the action nor cuts the wait short (an interrupted cell's last output must still
     * reach the notebook), and it is set again on return. After {@link #stop()} nothing is
     * queued any more.
     */
    void submit(Runnable action) {
        if (Thread.currentThread() == thread) {
            action.run();
            return;
        }
        if (stopped) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    queue.put(action);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits, without being interruptible, until everything queued so far has been sent. Returns
     * at once on the publisher thread itself and after {@link #stop()}; never waits for a
     * publisher thread that is no longer alive.
     */
    void drain() {
        if (Thread.currentThread() == thread || stopped) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        submit(this::flushStreams);
        submit(done::countDown);
        boolean interrupted = false;
        while (done.getCount() > 0 && thread.isAlive()) {
            try {
                done.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An output stream whose writes are sent by this publisher to {@code target} (which flushes
     * each write). Its text is gathered and sent at most every {@link #STREAM_INTERVAL_NANOS},
     * and always before any other output queued after it, so a printing loop produces a few
     * large messages instead of one per line.
     */
    OutputStream handOff(OutputStream target) {
        streams.add(target);
        return new OutputStream() {
            @Override
            public void write(int b) {
                beforeWrite.run();
                submit(new Write(target, new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                beforeWrite.run();
                submit(new Write(target,
                        java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
            }

            @Override
            public void flush() {
                submit(new Flush(target));
            }

            @Override
            public void close() {
                flush();
            }
        };
    }

    /**
     * Runs {@code check} on the writing thread before each write to a {@link #handOff} stream;
     * what it throws reaches the writer (how an interrupted cell's printing loop ends).
     */
    void beforeEachWrite(Runnable check) {
        beforeWrite = check;
    }

    /** Sends what is queued, then ends the publisher thread; later output is dropped. */
    void stop() {
        submit(STOP);
        stopped = true;
    }

    private void run() {
        while (true) {
            Runnable action;
            try {
                long due = pending.isEmpty() ? Long.MAX_VALUE
                        : lastStreamSend + STREAM_INTERVAL_NANOS - System.nanoTime();
                action = due == Long.MAX_VALUE ? queue.take()
                        : queue.poll(Math.max(0, due), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (action == null) {
                guarded(this::sendPending);
                continue;
            }
            if (action instanceof Write write) {
                pending.computeIfAbsent(write.target(), t -> new java.io.ByteArrayOutputStream())
                        .writeBytes(write.bytes());
                if (System.nanoTime() - lastStreamSend >= STREAM_INTERVAL_NANOS) {
                    guarded(this::sendPending);
                }
                continue;
            }
            if (action instanceof Flush) {
                continue; // stream text goes out with its interval, or before other output
            }
            // whatever else (a display, a drain, the end): after the text written before it
            guarded(this::sendPending);
            if (action == STOP) {
                return;
            }
            guarded(action);
        }
    }

    /**
     * Sends the text written to each stream since the last send, one message per stream: a
     * printing loop produces at most one message per stream every {@link #STREAM_INTERVAL_NANOS}
     * (as ipykernel batches its streams), not one per line, which would overrun the iopub
     * socket's high-water mark at a slow front end and drop the messages that follow.
     */
    private void sendPending() {
        lastStreamSend = System.nanoTime();
        if (pending.isEmpty()) {
            return;
        }
        java.util.List<java.util.Map.Entry<OutputStream, java.io.ByteArrayOutputStream>> texts =
                new java.util.ArrayList<>(pending.entrySet());
        pending.clear();
        for (var text : texts) {
            guarded(() -> {
                send(text.getKey(), text.getValue().toByteArray());
                flushNow(text.getKey());
            });
        }
    }

    /** Runs {@code action}; any failure (an Error included) loses that output only. */
    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (Throwable e) {
            org.slf4j.LoggerFactory.getLogger(Publisher.class)
                    .warn("Could not send output: {}", e.toString());
        }
    }

    /** Bytes for one stream; consecutive ones are merged into one write (one message). */
    private record Write(OutputStream target, byte[] bytes) implements Runnable {
        @Override
        public void run() {
            send(target, bytes);
        }
    }

    private static void send(OutputStream target, byte[] bytes) {
        try {
            target.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void flushStreams() {
        streams.forEach(Publisher::flushNow);
    }

    /**
     * A flush of one stream: its text goes out with the stream interval (or before the next
     * other output, or at a drain), so a flush after every line does not send a message each.
     */
    private record Flush(OutputStream target) implements Runnable {
        @Override
        public void run() {
            flushNow(target);
        }
    }

    private static void flushNow(OutputStream target) {
        try {
            target.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
