package org.mtl4j.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Joins a line that starts with {@code .} to the line before it, when both are already waiting
 * to be read, as a paste or a pipe delivers them: {@code var m = multiTask()} followed by {@code
 * .trunk(dense(8))} reaches JShell as one line, so JShell does not end the statement before the
 * leading dot. A line typed by hand is passed on at once (nothing is waiting after it), so typing
 * works as usual. A line end with nothing after it yet is held at most {@link #WAIT_MILLIS} (10
 * ms) for the rest of a paste.
 *
 * <p>Example: {@code new LeadingDotJoiner(System.in)} as the jshell tool's input.
 */
final class LeadingDotJoiner extends FilterInputStream {

    /** How long a line end is held while more pasted input may be on its way. */
    static final long WAIT_MILLIS = 10;

    private byte[] ready = new byte[0];
    private int next;

    LeadingDotJoiner(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (next == ready.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, ready.length - next);
        System.arraycopy(ready, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return ready.length - next;
    }

    /** Reads what is waiting (blocking for the first bytes); false at the end of the input. */
    private boolean fill() throws IOException {
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        chunk.write(buffer, 0, n);
        while (true) {
            int waiting = in.available();
            if (waiting == 0 && endsUndecided(chunk.toByteArray())) {
                waiting = waitForMore();
            }
            if (waiting <= 0) {
                break;
            }
            n = in.read(buffer, 0, Math.min(buffer.length, waiting));
            if (n < 0) {
                break;
            }
            chunk.write(buffer, 0, n);
        }
        ready = joined(chunk.toByteArray());
        next = 0;
        return true;
    }

    private int waitForMore() throws IOException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            int waiting = in.available();
            if (waiting > 0) {
                return waiting;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    /** Whether the bytes end with a line end and blanks: the next line decides. */
    private static boolean endsUndecided(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return true;
            }
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code bytes} with each line that starts with blanks and a dot joined to the line before
     * (the line end becomes a space; a {@code //} comment ending the line before is dropped, as
     * it would swallow the rest).
     */
    static byte[] joined(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            int next = end;
            if (next < bytes.length && bytes[next] == '\r') {
                next++;
            }
            if (next < bytes.length && bytes[next] == '\n') {
                next++;
            }
            if (end < bytes.length && startsWithDot(bytes, next)) {
                out.write(bytes, start, commentStart(bytes, start, end) - start);
                out.write(' ');
            } else {
                out.write(bytes, start, next - start);
            }
            start = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWithDot(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '.' && (i + 1 >= bytes.length || bytes[i + 1] != '.');
    }

    /** Where a {@code //} comment starts in the line (outside string and char literals). */
    private static int commentStart(byte[] bytes, int start, int end) {
        byte quote = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (quote != 0) {
                if (b == '\\') {
                    i++;
                } else if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '/' && i + 1 < end && bytes[i + 1] == '/') {
                return i;
            }
        }
        return end;
    }
}
