package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The model's gradients are right even when garbage collections run between forward and backward
 * (see {@link GradientHarness}; {@link GradientHarnessControlTest} shows the harness would catch
 * the bug).
 */
class GradientCheckTest {

    @Test
    void gradientsMatchFiniteDifferencesWithGarbageCollectionBeforeBackward() {
        // GIVEN the harness's model and its own weighting (fixed, non-uniform task weights)
        // WHEN one step runs with collections before backward
        GradientHarness.Result result =
                GradientHarness.check(GradientHarness.spec().weighting()::start);

        // THEN every sampled gradient matches the finite differences
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(60);
    }
}
