package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.weighting.GradientRulesTest.combine;
import static org.mtl4j.weighting.GradientRulesTest.gram;

import org.junit.jupiter.api.Test;

/** The papers' options: MGDA's gradient normalisations, Nash-MTL's norm cap and update period. */
class WeightingOptionsTest {

    private static final double[] G1 = {1, 0};
    private static final double[] G2 = {0, 2};
    private static final double[] LOSSES = {2, 1};

    private static double[] mgda(String normalization) {
        return new MgdaWeighting(normalization).rule(null).weights(gram(G1, G2), LOSSES);
    }

    @Test
    void mgdaNormalisationsScaleTheGradientsBeforeTheMinimumNormPoint() {
        // GIVEN g1 = (1, 0), g2 = (0, 2) with losses 2 and 1; the segment's minimum-norm point of
        // a = g1/n1, b = g2/n2 is γ = b·b / (a·a + b·b), and γ, 1 − γ weigh the raw gradients
        // none: a·a = 1, b·b = 4 → 4/5; l2: 1, 1 → 1/2; loss: 1/4, 4 → 16/17; loss+: 1/4, 1 → 4/5
        assertThat(mgda("none")).containsExactly(new double[] {0.8, 0.2}, within(1e-12));
        assertThat(mgda("l2")).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(mgda("loss")).containsExactly(new double[] {16.0 / 17, 1.0 / 17},
                within(1e-12));
        assertThat(mgda("loss+")).containsExactly(new double[] {0.8, 0.2}, within(1e-12));
    }

    @Test
    void mgdaReadsTheLossesOnlyForTheLossNormalisations() {
        assertThat(new MgdaWeighting().rule(null).usesLosses()).isFalse();
        assertThat(new MgdaWeighting().normalize("l2").rule(null).usesLosses()).isFalse();
        assertThat(new MgdaWeighting().normalize("loss").rule(null).usesLosses()).isTrue();
        assertThat(new MgdaWeighting().normalize("loss+").rule(null).usesLosses()).isTrue();
        assertThat(new MgdaWeighting().normalize("loss+")).hasToString("mgda().normalize(\"loss+\")");
    }

    @Test
    void mgdaRejectsAnUnknownNormalisation() {
        assertThatThrownBy(() -> new MgdaWeighting().normalize("L2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mgda().normalize(name) needs one of [none, l2, loss, loss+]. Received:"
                        + " L2. Use e.g. mgda().normalize(\"loss+\").");
    }

    @Test
    void nashMtlMaxNormCapsTheCombinedGradient() {
        // GIVEN orthogonal gradients: α_i = 1/sqrt(M_ii) with M = G/|G|_F, so d = 17^¼ (1, 1)
        double[][] gram = gram(G1, G2);
        double[] free = new NashMtlWeighting().rule(null).weights(gram);
        assertThat(Math.sqrt(GramMath.quadratic(gram, free)))
                .isCloseTo(Math.pow(17, 0.25) * Math.sqrt(2), within(1e-6));

        // WHEN the norm is capped at 1
        double[] capped = new NashMtlWeighting().maxNorm(1).rule(null).weights(gram);

        // THEN |d| = 1 (less clip_grad_norm_'s 1e-6) in the same direction
        double[] d = combine(capped, G1, G2);
        assertThat(Math.hypot(d[0], d[1])).isCloseTo(1, within(1e-6));
        assertThat(d[0]).isCloseTo(d[1], within(1e-6));
        assertThat(new NashMtlWeighting().maxNorm(10).rule(null).weights(gram))
                .containsExactly(free, within(1e-12));
    }

    @Test
    void nashMtlUpdateEveryReusesTheWeightsBetweenSolves() {
        double[][] first = gram(G1, G2);
        double[][] second = gram(new double[] {3, 0}, new double[] {1, 1});
        GradientRule rule = new NashMtlWeighting().updateEvery(3).rule(null);

        double[] solved = rule.weights(first);
        double[] reused1 = rule.weights(second);
        double[] reused2 = rule.weights(second);
        double[] resolved = rule.weights(second);

        assertThat(solved).containsExactly(NashMtlWeighting.weights(first));
        assertThat(reused1).containsExactly(solved);
        assertThat(reused2).containsExactly(solved);
        assertThat(resolved).containsExactly(NashMtlWeighting.weights(second));
    }

    @Test
    void nashMtlUpdatePeriodResumesFromItsSavedState() {
        double[][] first = gram(G1, G2);
        double[][] second = gram(new double[] {3, 0}, new double[] {1, 1});
        GradientRule original = new NashMtlWeighting().updateEvery(2).rule(null);
        original.weights(first);
        GradientRule resumed = new NashMtlWeighting().updateEvery(2).rule(null);

        resumed.restore(original.state());

        assertThat(resumed.weights(second)).containsExactly(original.weights(second));
        assertThat(resumed.weights(second)).containsExactly(original.weights(second));
        assertThat(new NashMtlWeighting().rule(null).state()).isEmpty();
    }

    @Test
    void nashMtlRejectsBadOptions() {
        assertThatThrownBy(() -> new NashMtlWeighting().maxNorm(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nashMtl().maxNorm(m) needs a finite m > 0, or 0 for no cap."
                        + " Received: -1.0. Use e.g. maxNorm(1.0).");
        assertThatThrownBy(() -> new NashMtlWeighting().updateEvery(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nashMtl().updateEvery(k) needs k ≥ 1. Received: 0. Use e.g."
                        + " updateEvery(1) to solve on every step.");
        assertThat(new NashMtlWeighting().maxNorm(1).updateEvery(5))
                .hasToString("nashMtl().maxNorm(1.0).updateEvery(5)");
    }
}
