package org.mtl4j.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;

/**
 * The running training metrics of a streamed epoch (a fit on a source without a validation
 * source), the same values a fit on a table records ({@link RunningOutputs}): the heads' outputs
 * of each step (with dropout active, as the step ran) stay on the device a window of whole
 * batches, at most {@value #WINDOW_ROWS} rows (or the one batch, when a batch is larger), with the
 * labels of those batches on the host; a window that the next batch would overfill comes to the
 * host in one copy and is added to each measured task's {@link MetricSums}, then freed. So the
 * memory is one window plus the sums (for AUC 256 KiB a task, 384 KiB for the moment its kept
 * scores move into bins; a few numbers for the others), not the epoch's outputs, whatever the
 * source's size.
 *
 * <p>Example: {@code metrics.add(step.outputs(), batches.lastLabels())} every step, then {@code
 * metrics.values()} at the epoch's end.
 */
final class StreamedRunningMetrics {

    /** Rows of outputs kept on the device before they come to the host. */
    static final int WINDOW_ROWS = 1 << 13;

    private final boolean[] measured;
    private final NDManager epochManager;
    private final int windowRows;
    private final List<MetricSums> sums = new ArrayList<>();
    private final List<List<LabelValues>> windowLabels = new ArrayList<>();
    private NDManager window;
    private RunningOutputs windowOutputs;
    private int keptRows;
    /** The most rows a window held this epoch. */
    private int largestWindow;

    /**
     * @param tasks the model's tasks' label encoders
     * @param measured whether each task has metrics
     * @param epochManager the manager the windows are opened in
     */
    StreamedRunningMetrics(List<TaskLabels> tasks, boolean[] measured, NDManager epochManager) {
        this(tasks, measured, epochManager, WINDOW_ROWS);
    }

    /** As above, with windows of at most {@code windowRows} rows (a test's small windows). */
    StreamedRunningMetrics(List<TaskLabels> tasks, boolean[] measured, NDManager epochManager,
            int windowRows) {
        this.measured = measured.clone();
        this.epochManager = epochManager;
        this.windowRows = windowRows;
        for (int t = 0; t < tasks.size(); t++) {
            sums.add(measured[t] ? new MetricSums(tasks.get(t)) : null);
        }
    }

    /**
     * Keeps one step's outputs (every task's, rows in the batch's order) with the batch's labels
     * (per task). A window that this batch would take past {@code windowRows} rows is added to
     * the sums first, and a full one after it.
     */
    void add(NDList outputs, List<LabelValues> labels) {
        int rows = labels.get(0).present().length;
        if (window != null && keptRows + rows > windowRows) {   // it would not fit: flush first
            flush();
        }
        if (window == null) {
            window = epochManager.newSubManager();
            windowOutputs = new RunningOutputs(measured, window);
        }
        windowOutputs.add(outputs);
        windowLabels.add(labels);
        keptRows += rows;
        largestWindow = Math.max(largestWindow, keptRows);
        if (keptRows >= windowRows) {
            flush();
        }
    }

    /** The most rows of outputs a window held on the device so far. */
    int largestWindow() {
        return largestWindow;
    }

    /** Each task's metrics over the rows added (empty for a task without metrics or labels). */
    List<Map<String, Double>> values() {
        if (window != null) {
            flush();
        }
        List<Map<String, Double>> values = new ArrayList<>();
        for (MetricSums task : sums) {
            values.add(task == null ? Map.of() : task.values());
        }
        return values;
    }

    private void flush() {
        List<float[]> outputs = windowOutputs.inRowOrder(Split.allRows(keptRows));
        for (int t = 0; t < sums.size(); t++) {
            if (sums.get(t) == null) {
                continue;
            }
            int from = 0;
            for (List<LabelValues> batch : windowLabels) {
                LabelValues labels = batch.get(t);
                sums.get(t).add(outputs.get(t), from, labels);
                from += labels.present().length;
            }
        }
        window.close();
        window = null;
        windowOutputs = null;
        windowLabels.clear();
        keptRows = 0;
    }
}
