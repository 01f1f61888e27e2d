package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.datasets.MultiMnist;
import tech.tablesaw.api.Table;

/** Batch norm trains on batch statistics and predicts with its running ones, real DJL. */
class BatchNormTest {

    private static MultiTaskModel model() {
        return multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(4, 5).stride(2), batchNorm(), relu(), maxPool(2), flatten(),
                        dense(16), batchNorm(), relu())
                .task("left").head(dense(10)).loss(crossEntropy())
                .task("right").head(dense(10)).loss(crossEntropy())
                .build();
    }

    @Test
    void predictionsOfARowDoNotDependOnTheRowsPredictedWithIt(@TempDir Path dir) {
        // GIVEN a model with batch norm after a convolution and after a dense layer, trained
        Table train = MultiMnist.table(200, 3);
        Table test = MultiMnist.table(40, 4);
        try (MultiTaskModel model = model()) {
            model.fit(train, epochs(2), batchSize(32), seed(1), quiet());

            // WHEN rows are predicted together and one at a time
            Table together = model.predict(test);
            for (int row : new int[] {0, 17, 39}) {
                Table alone = model.predict(test.rows(row));

                // THEN each row's prediction is the same (running statistics, not the batch's),
                // up to float32 rounding of convolutions over batches of other sizes
                assertThat(alone.stringColumn("left").get(0))
                        .isEqualTo(together.stringColumn("left").get(row));
                assertThat(alone.stringColumn("right").get(0))
                        .isEqualTo(together.stringColumn("right").get(row));
                for (String column : new String[] {"left_probability", "right_probability"}) {
                    assertThat(alone.doubleColumn(column).get(0)).as(column + " row " + row)
                            .isCloseTo(together.doubleColumn(column).get(row), within(1e-5));
                }
            }

            // AND the running statistics are saved: a loaded model predicts the same
            model.save(dir.resolve("bn.mtl4j"));
            try (MultiTaskModel loaded = MultiTaskModel.load(dir.resolve("bn.mtl4j"))) {
                Table again = loaded.predict(test);
                for (String column : together.columnNames()) {
                    assertThat(again.column(column).asList()).as(column)
                            .isEqualTo(together.column(column).asList());
                }
            }
        }
    }

    @Test
    void theOptimizerLeavesTheRunningStatisticsAlone() {
        // GIVEN batch norm straight on the pixels, trained with AdamW's decoupled weight decay
        Table digits = MultiMnist.table(400, 6);
        double meanPixel = 0;
        for (String cell : digits.stringColumn("image")) {
            for (byte b : org.mtl4j.datasets.ImagePixels.decode(cell)) {
                meanPixel += (b & 0xff) / 255.0;
            }
        }
        meanPixel /= 400.0 * 36 * 36;
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(batchNorm(), maxPool(4), flatten(), dense(8), relu())
                .task("left").head(dense(10)).loss(crossEntropy())
                .build()) {
            model.fit(digits, epochs(3), batchSize(40), adamW(0.1).weightDecay(0.9), seed(1),
                    quiet());

            // THEN the running mean is the pixels' mean (momentum only; decay would halve it)
            var runningMean = model.parts().orElseThrow().block().getParameters().values()
                    .stream().filter(p -> p.getName().contains("runningMean")).findFirst()
                    .orElseThrow().getArray().toFloatArray();
            assertThat(runningMean[0]).isCloseTo((float) meanPixel, within(0.1f * (float) meanPixel));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pcgrad", "cagrad", "gradNorm",
        "imtl", "mgda"})
    void gradientWeightingsTrainThroughBatchNorm(String strategy) {
        // GIVEN a batch-norm trunk whose shared parameters include running statistics (no
        // gradient) and a strategy that reads each task's shared gradients
        org.mtl4j.weighting.Weighting weighting = switch (strategy) {
            case "pcgrad" -> pcgrad();
            case "cagrad" -> cagrad();
            case "gradNorm" -> gradNorm();
            case "imtl" -> imtl();
            default -> mgda();
        };
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(4, 5).stride(2), batchNorm(), relu(), maxPool(2), flatten(),
                        dense(16), batchNorm(), relu())
                .task("left").head(dense(10)).loss(crossEntropy())
                .task("right").head(dense(10)).loss(crossEntropy())
                .weighting(weighting)
                .build()) {
            // WHEN it trains THEN both losses fall
            var history = model.fit(MultiMnist.table(200, 8), epochs(3), batchSize(40), seed(1),
                    quiet()).history();
            for (String task : new String[] {"left", "right"}) {
                assertThat(history.lastEpoch().task(task).trainLoss()).as(strategy + " " + task)
                        .isLessThan(history.epochs().get(0).task(task).trainLoss());
            }
        }
    }

    @Test
    void freezingEveryTrainedPartIsRefusedDespiteTheRunningStatistics() {
        try (MultiTaskModel model = model()) {
            Table digits = MultiMnist.table(100, 5);
            model.fit(digits, epochs(1), batchSize(50), quiet());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.fit(digits, epochs(1),
                            quiet(), freeze(shared(), heads())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("freeze(shared(), heads()) freezes every parameter of the model,"
                            + " so the fit would train nothing. Received: tasks=[left, right]."
                            + " Leave a part to train, e.g. the new task's head.");
        }
    }

    @Test
    void aSecondFitMovesTheRunningStatistics() {
        // GIVEN a trained model's predictions
        Table train = MultiMnist.table(100, 5);
        try (MultiTaskModel model = model()) {
            model.fit(train, epochs(1), batchSize(50), seed(1), quiet());
            Table before = model.predict(train.first(5));

            // WHEN it trains once more THEN its predictions change (parameters and statistics)
            model.fit(train, epochs(1), batchSize(50), seed(1), quiet());
            assertThat(model.predict(train.first(5)).column("left_probability").asList())
                    .isNotEqualTo(before.column("left_probability").asList());
        }
    }
}
