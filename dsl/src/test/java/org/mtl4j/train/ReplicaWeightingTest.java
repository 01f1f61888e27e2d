package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which weightings data-parallel replicas can train with. */
@Tag("unit")
class ReplicaWeightingTest {

    @Test
    void gradientBasedWeightingIsRefusedNamingItAndTheFix() {
        assertThatThrownBy(() -> ReplicaStep.unsupportedWeighting(mgda()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Data-parallel training supports the weightings whose task weights"
                        + " are fixed: equal() and weights(...). Received: weighting(mgda())."
                        + " Its weights come from the whole batch's losses or task gradients,"
                        + " which each replica sees only in part. Build the model with"
                        + " .weighting(equal()) or .weighting(weights(...)) to train it on"
                        + " several replicas, or train it with model.fit(...) on one machine.");
        assertThatThrownBy(() -> ReplicaStep.unsupportedWeighting(pcgrad()))
                .hasMessageContaining("Received: weighting(pcgrad()).");
        assertThatThrownBy(() -> ReplicaStep.unsupportedWeighting(uncertainty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fixedWeightingsAreAccepted() {
        assertThatCode(() -> ReplicaStep.unsupportedWeighting(equal())).doesNotThrowAnyException();
        assertThatCode(() -> ReplicaStep.unsupportedWeighting(
                weights(Map.of("a", 2.0, "b", 1.0)))).doesNotThrowAnyException();
    }
}
