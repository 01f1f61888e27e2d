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

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(4096);
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
     * each write). Queued writes to the same stream are merged and flushes skipped while more
     * output waits, so a printing loop produces a few large messages instead of one per line.
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
                action = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (action == STOP) {
                return;
            }
            try {
                if (action instanceof Write write) {
                    action = merged(write);
                }
                action.run();
            } catch (Throwable e) {
                // any failure (an Error included) loses this output only, never the thread
                org.slf4j.LoggerFactory.getLogger(Publisher.class)
                        .warn("Could not send output: {}", e.toString());
            }
        }
    }

    /** Bytes for one stream; consecutive ones are merged into one write (one message). */
    private record Write(OutputStream target, byte[] bytes) implements Runnable {
        @Override
        public void run() {
            send(target, bytes);
        }
    }

    /** {@code first} with the writes to the same stream queued right after it. */
    private Write merged(Write first) {
        java.io.ByteArrayOutputStream bytes = null;
        while (true) {
            Runnable next = queue.peek();
            if (next instanceof Flush flush && flush.target == first.target()) {
                queue.poll();
            } else if (next instanceof Write write && write.target() == first.target()) {
                if (bytes == null) {
                    bytes = new java.io.ByteArrayOutputStream();
                    bytes.writeBytes(first.bytes());
                }
                bytes.writeBytes(((Write) queue.poll()).bytes());
            } else {
                break;
            }
        }
        return bytes == null ? first : new Write(first.target(), bytes.toByteArray());
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

    /** A flush of one stream; skipped while more output is queued (a later flush sends it). */
    private final class Flush implements Runnable {
        private final OutputStream target;

        Flush(OutputStream target) {
            this.target = target;
        }

        @Override
        public void run() {
            if (queue.isEmpty()) {
                flushNow(target);
            }
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
