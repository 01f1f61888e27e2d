package org.mtl4j.kernel.display;

import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.mtl4j.progress.ProgressBar;

/**
 * A {@link ProgressBar} under the running cell: an HTML {@code <progress>} bar with its line
 * ("3/10 configurations · 0:18 elapsed · 0:42 left"), created at the first update and then
 * updated in place (one output per progress), with the line alone as text/plain.
 *
 * <p>Example: {@code Progress.install(() -> new NotebookProgressBar(DisplaySink.of(kernel)));}
 */
public final class NotebookProgressBar implements ProgressBar {

    private final DisplaySink sink;
    private String id;

    /** A bar that shows itself through {@code sink}. */
    public NotebookProgressBar(DisplaySink sink) {
        this.sink = sink;
    }

    @Override
    public void show(long done, long total, String line) {
        send(done, total, line);
    }

    @Override
    public void end(long done, long total, String line) {
        send(done, total, line);
    }

    private void send(long done, long total, String line) {
        DisplayData data = data(done, total, line);
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
            sink.display(data);
        } else {
            sink.update(id, data);
        }
    }

    /** The output: the bar and the line as HTML, the line as text. */
    static DisplayData data(long done, long total, String line) {
        DisplayData data = new DisplayData(line);
        data.putHTML("<div class=\"mtl4j-loop-progress\"><progress value=\"" + done
                + "\" max=\"" + Math.max(1, total) + "\" style=\"width:40%\"></progress> "
                + Html.escape(line) + "</div>");
        return data;
    }
}
