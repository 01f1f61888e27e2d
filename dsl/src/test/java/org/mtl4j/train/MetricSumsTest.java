package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

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
 * Metrics summed over rows added a few at a time equal {@link MetricValues} over all rows at
 * once: with missing labels, tied scores, non-finite outputs and a target scale.
 */
class MetricSumsTest {

    private static final ModelSpec SPEC = multiTask().input(numeric("x")).trunk(dense(2))
            .task("species").head(dense(3)).loss(crossEntropy())
                    .metric(accuracy()).metric(macroF1())
            .task("click").head(dense(1)).loss(binaryCrossEntropy())
                    .metric(auc()).metric(accuracy()).metric(macroF1())
            .task("pair").head(dense(2)).loss(crossEntropy()).metric(auc())
            .task("mass").head(dense(1)).loss(mse()).metric(mae()).metric(rmse())
            .build().spec();

    @Test
    void rowsAddedInPiecesGiveTheAllRowsValues() {
        Random random = new Random(42);
        int rows = 997;
        List<TaskLabels> tasks = List.of(
                TaskLabels.restore(SPEC.tasks().get(0), List.of("a", "b", "c"), TargetScale.NONE),
                TaskLabels.restore(SPEC.tasks().get(1), List.of("no", "yes"), TargetScale.NONE),
                TaskLabels.restore(SPEC.tasks().get(2), List.of("l", "r"), TargetScale.NONE),
                TaskLabels.restore(SPEC.tasks().get(3), List.of(), new TargetScale(40, 7.5)));
        int[] classes = {3, 2, 2, 0};
        for (int t = 0; t < tasks.size(); t++) {
            TaskLabels task = tasks.get(t);
            int width = task.task().outputs();
            // GIVEN outputs on a coarse grid (many tied scores), some NaN or infinite, and labels
            // missing on about a fifth of the rows
            float[] outputs = new float[rows * width];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = random.nextInt(50) == 0 ? (random.nextBoolean() ? Float.NaN
                        : Float.POSITIVE_INFINITY) : random.nextInt(9) * 0.25f - 1;
            }
            float[] values = new float[rows];
            boolean[] present = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                present[r] = random.nextInt(5) != 0;
                values[r] = classes[t] > 0 ? random.nextInt(classes[t])
                        : (float) random.nextGaussian();
            }
            Map<String, Double> expected = MetricValues.of(task, outputs,
                    new LabelValues(values, present));

            // WHEN the rows are added in pieces of 1 to 70 rows
            MetricSums sums = new MetricSums(task);
            for (int from = 0; from < rows; ) {
                int to = Math.min(rows, from + 1 + random.nextInt(70));
                sums.add(outputs, from, new LabelValues(Arrays.copyOfRange(values, from, to),
                        Arrays.copyOfRange(present, from, to)));
                from = to;
            }

            // THEN every metric equals (errors to summation order)
            Map<String, Double> actual = sums.values();
            assertThat(actual.keySet()).as(task.task().name())
                    .containsExactlyElementsOf(expected.keySet());
            for (String name : expected.keySet()) {
                if (classes[t] == 0) {
                    assertThat(actual.get(name)).as(name)
                            .isCloseTo(expected.get(name), within(1e-12));
                } else {
                    assertThat(actual.get(name)).as(task.task().name() + " " + name)
                            .isEqualTo(expected.get(name));
                }
            }
        }
    }

    @Test
    void beyondItsExactRowsTheAucIsEstimatedWithinItsStatedError() {
        // GIVEN 20,000 scores of two overlapping classes, and a running AUC exact for 1,000
        Random random = new Random(5);
        int rows = 20_000;
        double[] scores = new double[rows];
        double[] actual = new double[rows];
        RunningAuc exactFor1000 = new RunningAuc(1_000);
        RunningAuc exactForAll = new RunningAuc(rows);
        for (int r = 0; r < rows; r++) {
            actual[r] = random.nextInt(3) == 0 ? 1 : 0;
            scores[r] = 1 / (1 + Math.exp(-(random.nextGaussian() + actual[r])));
            exactFor1000.add(scores[r], actual[r] == 1);
            exactForAll.add(scores[r], actual[r] == 1);
        }
        double exact = org.mtl4j.spec.metrics.Auc.of(scores, actual);

        // THEN within its exact rows it is the AUC to the bit; beyond, it says it is estimated
        // and is within its stated error, which is small for 16,384 bins
        assertThat(exactForAll.exact()).isTrue();
        assertThat(exactForAll.value()).isEqualTo(exact);
        assertThat(exactForAll.maxError()).isZero();
        assertThat(exactFor1000.exact()).isFalse();
        assertThat(exactFor1000.maxError()).isPositive().isLessThan(2e-4);
        System.out.printf("estimated AUC %.6f, exact %.6f, stated max error %.2e%n",
                exactFor1000.value(), exact, exactFor1000.maxError());
        assertThat(Math.abs(exactFor1000.value() - exact))
                .isLessThanOrEqualTo(exactFor1000.maxError());
    }

    @Test
    void aConfidentModelsEstimatedAucHasATightBoundThatHolds() {
        // GIVEN 100,000 scores of a confident model: logits of positives ~ N(9, 3), of negatives
        // ~ N(3, 3), so most scores lie within 0.05 of 1 and many within 1/16,384 of it
        Random random = new Random(8);
        int rows = 100_000;
        double[] scores = new double[rows];
        double[] actual = new double[rows];
        RunningAuc auc = new RunningAuc();
        for (int r = 0; r < rows; r++) {
            actual[r] = random.nextInt(2);
            double logit = 3 * random.nextGaussian() + (actual[r] == 1 ? 9 : 3);
            scores[r] = 1 / (1 + Math.exp(-logit));
            auc.add(scores[r], actual[r] == 1);
        }
        double exact = org.mtl4j.spec.metrics.Auc.of(scores, actual);

        // THEN the estimate is within its stated error, and that error is small
        System.out.printf("confident model: estimated AUC %.6f, exact %.6f, stated max error"
                + " %.2e, actual %.2e%n", auc.value(), exact, auc.maxError(),
                Math.abs(auc.value() - exact));
        assertThat(auc.exact()).isFalse();
        assertThat(Math.abs(auc.value() - exact)).isLessThanOrEqualTo(auc.maxError());
        assertThat(auc.maxError()).isPositive().isLessThan(1e-4);
    }

    @Test
    void scoresBeyondTheKeptScoresRangeKeepTheBoundTrue() {
        // GIVEN 16,384 scores of logits within about ±2 of 6, then 50,000 of logits spread over
        // ±15 (a model that grew confident after the bins were chosen)
        Random random = new Random(12);
        int kept = RunningAuc.EXACT_ROWS;
        int rows = kept + 50_000;
        double[] scores = new double[rows];
        double[] actual = new double[rows];
        RunningAuc auc = new RunningAuc();
        for (int r = 0; r < rows; r++) {
            actual[r] = random.nextInt(2);
            double logit = r < kept ? 6 + 0.5 * random.nextGaussian() + actual[r]
                    : 6 * random.nextGaussian() + (actual[r] == 1 ? 4 : -4);
            scores[r] = 1 / (1 + Math.exp(-logit));
            auc.add(scores[r], actual[r] == 1);
        }
        double exact = org.mtl4j.spec.metrics.Auc.of(scores, actual);

        // THEN the estimate is still within its stated error
        assertThat(auc.exact()).isFalse();
        assertThat(Math.abs(auc.value() - exact)).isLessThanOrEqualTo(auc.maxError());
    }

    @Test
    void aModelThatSharpensAfterTheExactRowsKeepsTheBoundOfTheBinsOfZeroToOne() {
        // GIVEN 200,000 scores whose logits spread from sd 0.1 to 3 over the epoch (a model
        // that sharpens as it learns): the first 16,384 set a narrow logit range
        RunningAuc auc = new RunningAuc();
        ScoreBins zeroToOne = new ScoreBins(false, 0, ScoreBins.BINS);
        Random random = new Random(5);
        int rows = 200_000;
        double[] scores = new double[rows];
        double[] actual = new double[rows];
        for (int r = 0; r < rows; r++) {
            double spread = 0.1 + 2.9 * r / rows;
            boolean positive = random.nextBoolean();
            actual[r] = positive ? 1 : 0;
            double logit = spread * (random.nextGaussian() + (positive ? 0.5 : -0.5));
            scores[r] = 1 / (1 + Math.exp(-logit));
            auc.add(scores[r], positive);
            zeroToOne.add(scores[r], positive);
        }

        // WHEN the estimate is read
        double exact = org.mtl4j.spec.metrics.Auc.of(scores, actual);

        // THEN its bound holds and is no looser than that of [0, 1]'s bins alone
        assertThat(auc.exact()).isFalse();
        assertThat(Math.abs(auc.value() - exact)).isLessThanOrEqualTo(auc.maxError());
        assertThat(auc.maxError()).isLessThanOrEqualTo(zeroToOne.maxError()).isLessThan(1e-4);
    }

    @Test
    void theRunningAucHolds256KiBAnd384KiBAtMostAsItsScoresMoveIntoBins() {
        // GIVEN running AUCs exact for 16,384 scores: one of positives only, one of half and half
        RunningAuc positives = new RunningAuc();
        RunningAuc mixed = new RunningAuc();
        Random random = new Random(3);

        // WHEN 16,384 scores come, then a 16,385th, then 100,000 more
        for (int r = 0; r < RunningAuc.EXACT_ROWS; r++) {
            positives.add(random.nextDouble(), true);
            mixed.add(random.nextDouble(), r % 2 == 0);
        }
        long keptPositives = positives.heldBytes();
        long keptMixed = mixed.heldBytes();
        for (int r = 0; r < 100_001; r++) {
            positives.add(random.nextDouble(), r % 3 == 0);
            mixed.add(random.nextDouble(), r % 2 == 0);
        }

        // THEN the kept scores took 128 KiB (8 bytes a score), then the two binnings 128 KiB
        // each (two int counts of 16,384 bins), and all at once, for the move, 384 KiB at most
        assertThat(keptPositives).isEqualTo(128 * 1024);
        assertThat(keptMixed).isEqualTo(128 * 1024);
        for (RunningAuc auc : List.of(positives, mixed)) {
            assertThat(auc.exact()).isFalse();
            assertThat(auc.heldBytes()).isEqualTo(256 * 1024);
            assertThat(auc.peakBytes()).isEqualTo(384 * 1024);
        }
    }

    @Test
    void anEstimatedAucSaysSoInTheTasksMetrics() {
        TaskLabels task = TaskLabels.restore(SPEC.tasks().get(1), List.of("no", "yes"),
                TargetScale.NONE);
        MetricSums sums = new MetricSums(task, 2);
        sums.add(new float[] {0.5f, -1f, 2f}, 0, new LabelValues(new float[] {1, 0, 1},
                new boolean[] {true, true, true}));
        assertThat(sums.values()).containsOnlyKeys("auc", "auc_max_error", "accuracy",
                "macro_f1");
        assertThat(sums.values().get("auc")).isEqualTo(1.0);
        assertThat(sums.values().get("auc_max_error")).isZero();
    }

    @Test
    void noLabelledRowGivesNoMetrics() {
        TaskLabels task = TaskLabels.restore(SPEC.tasks().get(1), List.of("no", "yes"),
                TargetScale.NONE);
        MetricSums sums = new MetricSums(task);
        sums.add(new float[] {0.5f, -1f}, 0, new LabelValues(new float[] {1, 0},
                new boolean[] {false, false}));
        assertThat(sums.values()).isEmpty();
    }

    @Test
    void aucOfOneClassIsNaNAsForAllRows() {
        TaskLabels task = TaskLabels.restore(SPEC.tasks().get(1), List.of("no", "yes"),
                TargetScale.NONE);
        MetricSums sums = new MetricSums(task);
        sums.add(new float[] {0.5f, -1f}, 0, new LabelValues(new float[] {1, 1},
                new boolean[] {true, true}));
        assertThat(sums.values().get("auc")).isNaN();
        assertThat(sums.values().get("accuracy")).isEqualTo(0.5);
    }
}
