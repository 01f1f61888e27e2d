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
    void aGradientBasedWeightingIsRefusedNamingItAndTheFix() {
        MultiTaskModel model = multiTask()
                .input(numeric("x1"))
                .trunk(dense(4), relu())
                .task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse())
                .weighting(mgda())
                .build();
        assertThatThrownBy(() -> SparkTraining.of(model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Data-parallel training supports the weightings whose task weights"
                        + " are fixed: equal() and weights(...). Received: weighting(mgda())."
                        + " Its weights come from the whole batch's losses or task gradients,"
                        + " which each replica sees only in part. Build the model with"
                        + " .weighting(equal()) or .weighting(weights(...)) to train it on"
                        + " several replicas, or train it with model.fit(...) on one machine.");
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
