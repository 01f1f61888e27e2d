package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.data.LabelValues;
import org.mtl4j.data.TargetScale;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.spec.ModelSpec;

/**
 * A streamed epoch's running metrics, kept on the device a window at a time, equal the metrics of
 * all its rows at once; a task without metrics gets none and its outputs are not kept.
 */
class StreamedRunningMetricsTest {

    @Test
    void windowsSmallerThanTheEpochGiveTheAllRowsMetrics() {
        ModelSpec spec = multiTask().input(numeric("x")).trunk(dense(2))
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("unmeasured").head(dense(2)).loss(crossEntropy())
                .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())
                .build().spec();
        List<TaskLabels> tasks = List.of(
                TaskLabels.restore(spec.tasks().get(0), List.of("a", "b", "c"), TargetScale.NONE),
                TaskLabels.restore(spec.tasks().get(1), List.of("l", "r"), TargetScale.NONE),
                TaskLabels.restore(spec.tasks().get(2), List.of("no", "yes"), TargetScale.NONE));
        int[] widths = {3, 2, 1};
        int[] classes = {3, 2, 2};
        Random random = new Random(9);
        int batches = 13;
        int batchSize = 7;
        int rows = batches * batchSize - 3;   // a short last batch
        float[][] outputs = new float[3][];
        float[][] values = new float[3][rows];
        boolean[][] present = new boolean[3][rows];
        for (int t = 0; t < 3; t++) {
            outputs[t] = new float[rows * widths[t]];
            for (int i = 0; i < outputs[t].length; i++) {
                outputs[t][i] = (float) random.nextGaussian();
            }
            for (int r = 0; r < rows; r++) {
                values[t][r] = random.nextInt(classes[t]);
                present[t][r] = random.nextInt(4) != 0;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            // GIVEN windows of at most 14 rows (a flush every second batch)
            StreamedRunningMetrics metrics = new StreamedRunningMetrics(tasks,
                    new boolean[] {true, false, true}, manager, 14);

            // WHEN every batch's outputs (in a step's own manager, freed after it) and labels
            // are added
            for (int from = 0; from < rows; from += batchSize) {
                int to = Math.min(rows, from + batchSize);
                try (NDManager step = manager.newSubManager()) {
                    NDList stepOutputs = new NDList();
                    List<LabelValues> labels = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        stepOutputs.add(step.create(Arrays.copyOfRange(outputs[t],
                                from * widths[t], to * widths[t]), new Shape(to - from,
                                widths[t])).duplicate());   // owns its memory, as a head's do
                        labels.add(new LabelValues(Arrays.copyOfRange(values[t], from, to),
                                Arrays.copyOfRange(present[t], from, to)));
                    }
                    metrics.add(stepOutputs, labels);
                }
            }

            // THEN each measured task's metrics equal those over all rows, the other has none
            List<Map<String, Double>> actual = metrics.values();
            for (int t : new int[] {0, 2}) {
                assertThat(actual.get(t)).isNotEmpty().isEqualTo(MetricValues.of(tasks.get(t),
                        outputs[t], new LabelValues(values[t], present[t])));
            }
            assertThat(actual.get(1)).isEmpty();
        }
    }

    @Test
    void aWindowHoldsAtMostItsRowsOrOneLargerBatch() {
        ModelSpec spec = multiTask().input(numeric("x")).trunk(dense(2))
                .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())
                .build().spec();
        List<TaskLabels> tasks = List.of(TaskLabels.restore(spec.tasks().get(0),
                List.of("no", "yes"), TargetScale.NONE));
        try (NDManager manager = NDManager.newBaseManager()) {
            // GIVEN windows of 10 rows, and of 5 rows
            StreamedRunningMetrics ten = new StreamedRunningMetrics(tasks, new boolean[] {true},
                    manager, 10);
            StreamedRunningMetrics five = new StreamedRunningMetrics(tasks, new boolean[] {true},
                    manager, 5);

            // WHEN 13 batches of 7 rows are added to each
            for (int b = 0; b < 13; b++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] scores = new float[7];
                    float[] labels = new float[7];
                    for (int r = 0; r < 7; r++) {
                        scores[r] = (b * 7 + r) % 5 - 2f;
                        labels[r] = (b + r) % 2;
                    }
                    boolean[] present = new boolean[7];
                    Arrays.fill(present, true);
                    // (copies that own their memory, as a head's outputs do)
                    ten.add(new NDList(step.create(scores, new Shape(7, 1)).duplicate()),
                            List.of(new LabelValues(labels, present)));
                    five.add(new NDList(step.create(scores, new Shape(7, 1)).duplicate()),
                            List.of(new LabelValues(labels, present)));
                }
            }

            // THEN a window of 10 never held more than 10 rows (one batch at a time), one of 5
            // held one batch of 7, and both measured all the rows alike
            assertThat(ten.largestWindow()).isEqualTo(7);
            assertThat(five.largestWindow()).isEqualTo(7);
            assertThat(ten.values()).isEqualTo(five.values());
        }
    }
}
