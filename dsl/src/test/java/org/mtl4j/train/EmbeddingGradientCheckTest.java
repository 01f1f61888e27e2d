package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.spec.ModelSpec;

/**
 * Embedding tables get the gradients finite differences give, with garbage collections forced
 * between forward and backward (the harness of {@code GradientCheckTest}, its tasks and task
 * weights, with an embedded categorical column beside the numbers).
 */
class EmbeddingGradientCheckTest {

    private static ModelSpec embedded(org.mtl4j.weighting.Weighting weighting) {
        ModelSpec base = GradientHarness.spec();
        return new ModelSpec(
                java.util.List.of(numeric("a", "b", "c"), categorical("kind").embedding(3)),
                base.sharing(), base.tasks(), weighting, base.initializer());
    }

    @Test
    void embeddingGradientsMatchFiniteDifferencesUnderTaskWeights() {
        ModelSpec spec = embedded(GradientHarness.spec().weighting());
        GradientHarness.Result result =
                GradientHarness.check(spec, spec.weighting()::start, (step, parts) -> {
                    assertThat(parts.block().sharedParameters().get(0).getName())
                            .isEqualTo("table0");
                });
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(20);
    }
}
