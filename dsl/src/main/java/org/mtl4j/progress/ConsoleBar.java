package org.mtl4j.progress;

import java.io.PrintStream;

/**
 * The default {@link ProgressBar}: on a terminal one line refreshed in place, elsewhere (a log, a
 * notebook without the mtl4j extension) a line at most every 10 seconds and the last one.
 *
 * <p>Example: {@code new ConsoleBar(System.out, System.console() != null)}
 */
final class ConsoleBar implements ProgressBar {

    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine = Long.MIN_VALUE;

    ConsoleBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void show(long done, long total, String line) {
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (lastLine == Long.MIN_VALUE || now - lastLine >= LOG_EVERY_NANOS) {
            lastLine = now;
            out.println(line);
        }
    }

    @Override
    public void end(long done, long total, String line) {
        out.println((terminal ? "\r\u001b[K" : "") + line);
    }
}
