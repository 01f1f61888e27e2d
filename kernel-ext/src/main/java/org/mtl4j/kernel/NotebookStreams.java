package org.mtl4j.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;

/**
 * {@code System.out} and {@code System.err} for the kernel's whole life, so that whatever prints,
 * from a cell or from a thread a cell started, reaches the notebook. Text goes to the cell running
 * now; when none runs, to the cell that ran last (what ipykernel does for threads it did not
 * start: the "current parent" is the latest execute request). Before the first cell, text goes to
 * the kernel's own stdout and stderr (the Jupyter server's console). Writes are sent by the {@link
 * Publisher} thread, never by the printing thread.
 *
 * <p>Example: {@code streams.attach(env); System.setOut(streams.out());}
 */
final class NotebookStreams {

    private final Publisher publisher;
    private final PrintStream out;
    private final PrintStream err;
    /** The cell receiving output; read and written only on the publisher thread. */
    private ShellReplyEnvironment cell;

    /** Streams sending through {@code publisher}; {@code console} streams before any cell. */
    NotebookStreams(Publisher publisher, PrintStream consoleOut, PrintStream consoleErr) {
        this.publisher = publisher;
        this.out = new PrintStream(publisher.handOff(new CellSink(false, consoleOut)), true,
                StandardCharsets.UTF_8);
        this.err = new PrintStream(publisher.handOff(new CellSink(true, consoleErr)), true,
                StandardCharsets.UTF_8);
    }

    /** Output printed from now on goes to the cell of {@code env} (in order with earlier output). */
    void attach(ShellReplyEnvironment env) {
        publisher.submit(() -> cell = env);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Sends each write as one stream message to the attached cell. */
    private final class CellSink extends OutputStream {
        private final boolean stderr;
        private final PrintStream console;
        /** The start of a UTF-8 character whose other bytes have not arrived yet. */
        private byte[] pending = new byte[0];

        CellSink(boolean stderr, PrintStream console) {
            this.stderr = stderr;
            this.console = console;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            byte[] all = new byte[pending.length + length];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(bytes, offset, all, pending.length, length);
            int complete = completeUtf8Length(all);
            pending = Arrays.copyOfRange(all, complete, all.length);
            if (complete == 0) {
                return;
            }
            String text = new String(all, 0, complete, StandardCharsets.UTF_8);
            ShellReplyEnvironment target = cell;
            if (target == null) {
                console.print(text);
                console.flush();
            } else if (stderr) {
                target.writeToStdErr(text);
            } else {
                target.writeToStdOut(text);
            }
        }
    }

    /** The length of {@code bytes} without a trailing, unfinished UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        int end = bytes.length;
        int start = end - 1;
        while (start >= 0 && end - start <= 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        if (start < 0) {
            return end;
        }
        int lead = bytes[start] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return end - start >= needed ? end : start;
    }
}
