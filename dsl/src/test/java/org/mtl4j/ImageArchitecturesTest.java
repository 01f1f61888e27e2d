package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.MultiMnist;
import tech.tablesaw.api.Table;

/** Image layers in experts and with a weighting cut at the trunk output, real DJL. */
class ImageArchitecturesTest {

    private static final Table DIGITS = MultiMnist.table(200, 11);

    @Test
    void convolutionalExpertsTrainAndTheirGatesReadThePixels() {
        // GIVEN MMoE with two convolutional experts (gates over the flat pixels)
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 36, 36))
                .experts(2, conv2d(4, 5), relu(), maxPool(4), flatten(), dense(16), relu())
                .gates()
                .task("left").head(dense(10)).loss(crossEntropy())
                .task("right").head(dense(10)).loss(crossEntropy())
                .build()) {
            // WHEN it trains
            var run = model.fit(DIGITS, epochs(2), batchSize(50), seed(2), quiet());

            // THEN losses fall and each task's gate weights over the experts sum to 1
            assertThat(run.history().lastEpoch().task("left").trainLoss())
                    .isLessThan(run.history().epochs().get(0).task("left").trainLoss());
            Table gates = model.gateWeights(DIGITS);
            double left = gates.where(gates.stringColumn("task").isEqualTo("left"))
                    .doubleColumn("weight").sum();
            assertThat(left).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void mgdaOnTheTrunkOutputOfAConvolutionalTrunkTrains() {
        // GIVEN LeNet with MGDA-UB (gradients cut at the trunk output: TrunkCut runs the trunk
        // on the flat rows, so the trunk must unflatten them itself)
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(4, 5), relu(), maxPool(2), flatten(), dense(16), relu())
                .task("left").head(dense(10)).loss(crossEntropy())
                .task("right").head(dense(10)).loss(crossEntropy())
                .weighting(mgda().onTrunkOutput())
                .build()) {
            var run = model.fit(DIGITS, epochs(2), batchSize(50), seed(2), quiet());

            assertThat(run.history().lastEpoch().task("right").trainLoss())
                    .isLessThan(run.history().epochs().get(0).task("right").trainLoss());
        }
    }

    @Test
    void gradNormMeasuresTheLastConvolutionOfATrunkWithoutDenseLayers() {
        // GIVEN a trunk of convolutions and global pooling: its last shared weights are 4-D
        try (MultiTaskModel model = multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(4, 5).stride(2), relu(), conv2d(8, 3), relu(), globalAvgPool())
                .task("left").head(dense(10)).loss(crossEntropy())
                .task("right").head(dense(10)).loss(crossEntropy())
                .weighting(gradNorm())
                .build()) {
            var run = model.fit(DIGITS, epochs(2), batchSize(50), seed(2), quiet());

            // THEN GradNorm trains and moves the task weights away from equal
            var last = run.history().lastEpoch();
            assertThat(last.task("left").trainLoss())
                    .isLessThan(run.history().epochs().get(0).task("left").trainLoss());
            assertThat(run.history().steps().get(run.history().steps().size() - 1).weights())
                    .isNotEqualTo(new double[] {1.0, 1.0});
        }
    }
}
