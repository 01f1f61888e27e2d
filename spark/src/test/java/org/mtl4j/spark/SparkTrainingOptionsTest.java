package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;

/** What SparkTraining refuses before it starts Spark (no Spark session, no libtorch). */
@Tag("unit")
class SparkTrainingOptionsTest {

    @Test
    void aWeightingOnTheTrunkOutputIsRefusedForExactSyncNamingItAndTheFix() {
        MultiTaskModel model = multiTask()
                .input(numeric("x1"))
                .trunk(dense(4), relu())
                .task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse())
                .weighting(mgda().onTrunkOutput())
                .build();
        assertThatThrownBy(() -> SparkTraining.of(model).fit(null, epochs(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Exact synchronous training on several replicas combines the tasks'"
                        + " gradients of the parameters, but this weighting takes them on the"
                        + " trunk's output, row by row, and each replica holds only its own"
                        + " rows. Received: weighting(mgda().onTrunkOutput()). Build the model"
                        + " with the strategy on the shared parameters (without"
                        + " .onTrunkOutput()), average parameters instead with syncEvery(k) for"
                        + " k > 1 (each replica weighs its own batches), or train it with"
                        + " model.fit(...) on one machine.");
    }

    @Test
    void gradientAndLossBasedWeightingsAreAccepted() {
        for (var weighting : java.util.List.of(mgda(), pcgrad(), uncertainty(), dwa(),
                gradNorm(), cagrad())) {
            MultiTaskModel model = multiTask().input(numeric("x1")).trunk(dense(4), relu())
                    .task("a").head(dense(1)).loss(mse())
                    .task("b").head(dense(1)).loss(mse())
                    .weighting(weighting).build();
            org.assertj.core.api.Assertions.assertThatCode(() -> SparkTraining.of(model))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void devicesIsRefusedRatherThanIgnored() {
        MultiTaskModel model = multiTask().input(numeric("x1")).trunk(dense(4), relu())
                .task("a").head(dense(1)).loss(mse()).build();
        assertThatThrownBy(() -> SparkTraining.of(model).fit(null,
                        devices(ai.djl.Device.cpu(), ai.djl.Device.cpu())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTraining trains one replica per executor, on its CPU, and does"
                        + " not split batches across devices. Received: devices(cpu(), cpu())."
                        + " Leave devices(...) out here; to split batches across the GPUs of one"
                        + " machine, train with model.fit(table, devices(...)).");
    }

    @Test
    void badOptionsAreRefusedWithTheFix() {
        SparkTraining training = SparkTraining.of(SparkFixture.model());
        assertThatThrownBy(() -> training.syncEvery(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("syncEvery(steps) needs at least 1 step. Received: syncEvery(0). Use"
                        + " syncEvery(1) for synchronous training or e.g. syncEvery(4) for"
                        + " parameter averaging.");
        assertThatThrownBy(() -> training.checkpoint(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: checkpoint(null, 1)");
        assertThatThrownBy(() -> SparkTraining.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: null");
    }
}
