package org.mtl4j.spec.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;

/** Initializers print as written in the DSL, and bad arguments say what to write instead. */
class InitializerArgumentsTest {

    @Test
    void initializersPrintAsWritten() {
        assertThat(pytorchDefault()).hasToString("pytorchDefault()");
        assertThat(xavierUniform()).hasToString("xavierUniform()");
        assertThat(xavierNormal(2)).hasToString("xavierNormal(2.0)");
        assertThat(kaimingNormal()).hasToString("kaimingNormal()");
        assertThat(kaimingUniform("fan_out", "tanh"))
                .hasToString("kaimingUniform(\"fan_out\", \"tanh\")");
        assertThat(kaimingNormal(0.01, "fan_in", "leaky_relu"))
                .hasToString("kaimingNormal(0.01, \"fan_in\", \"leaky_relu\")");
        assertThat(normal(0, 0.02)).hasToString("normal(0.0, 0.02)");
        assertThat(dense(64).init(xavierUniform())).hasToString("dense(64).init(xavierUniform())");
        assertThat(dense(64)).hasToString("dense(64)");
        assertThat(multiTask().input(numeric("x"))
                .experts(8, dense(16), relu()).gateInit(normal(0, 1e-4)).gates().spec().sharing())
                .hasToString("experts(8, dense(16), relu()).gateInit(normal(0.0, 1.0E-4)).gates()");
    }

    @Test
    void theModelsInitializerCanBeSetBeforeOrAfterTheTasks() {
        assertThat(multiTask().input(numeric("x")).task("y").head(dense(1)).loss(mse())
                .initializer(xavierNormal()).build().spec().initializer())
                .isEqualTo(xavierNormal());
        assertThat(multiTask().initializer(normal(0, 0.1)).input(numeric("x"))
                .task("y").head(dense(1)).loss(mse()).build().spec().initializer())
                .isEqualTo(normal(0, 0.1));
    }

    @Test
    void theGainsAreCalculateGainsAndTheFansAsNamed() {
        assertThat(kaimingNormal().variance(100, 10)).isEqualTo(2.0 / 100);
        assertThat(kaimingNormal("fan_out", "tanh").variance(100, 10)).isEqualTo(25.0 / 9 / 10);
        assertThat(kaimingUniform(Math.sqrt(5), "fan_in", "leaky_relu").variance(100, 10))
                .isCloseTo(1.0 / 3 / 100, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(kaimingUniform("fan_in", "sigmoid").gainSquared()).isEqualTo(1);
        assertThat(kaimingUniform("fan_in", "selu").gainSquared()).isEqualTo(9.0 / 16);
        assertThat(xavierNormal(3).variance(100, 50)).isEqualTo(9 * 2.0 / 150);
    }

    @Test
    void anUnknownModeNamesTheTwoThereAre() {
        assertThatThrownBy(() -> kaimingUniform("fan_avg", "relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kaimingUniform() needs mode \"fan_in\" or \"fan_out\". Received:"
                        + " kaimingUniform(\"fan_avg\", \"relu\"). Use e.g."
                        + " kaimingUniform(\"fan_in\", \"relu\").");
    }

    @Test
    void anUnknownNonlinearityListsTheKnownGains() {
        assertThatThrownBy(() -> kaimingNormal("fan_in", "gelu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kaimingNormal() knows the gain of linear, sigmoid, tanh, relu,"
                        + " leaky_relu, selu (PyTorch's names). Received:"
                        + " kaimingNormal(\"fan_in\", \"gelu\"). Use e.g."
                        + " kaimingNormal(\"fan_in\", \"relu\").");
    }

    @Test
    void aNullNonlinearityListsTheKnownGains() {
        assertThatThrownBy(() -> kaimingNormal("fan_in", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kaimingNormal() knows the gain of linear, sigmoid, tanh, relu,"
                        + " leaky_relu, selu (PyTorch's names). Received:"
                        + " kaimingNormal(\"fan_in\", null). Use e.g."
                        + " kaimingNormal(\"fan_in\", \"relu\").");
    }

    @Test
    void aSlopeWithoutLeakyReluSaysWhereItBelongs() {
        assertThatThrownBy(() -> kaimingUniform(0.1, "fan_in", "relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kaimingUniform() uses a, the negative slope, only with"
                        + " \"leaky_relu\". Received: kaimingUniform(0.1, \"fan_in\", \"relu\")."
                        + " Use kaimingUniform(0.1, \"fan_in\", \"leaky_relu\"), or"
                        + " kaimingUniform(\"fan_in\", \"relu\").");
        assertThatThrownBy(() -> kaimingNormal(Double.NaN, "fan_in", "leaky_relu"))
                .hasMessage("kaimingNormal() needs a finite negative slope a. Received:"
                        + " kaimingNormal(NaN, \"fan_in\", \"leaky_relu\"). Use e.g."
                        + " kaimingNormal(0.01, \"fan_in\", \"leaky_relu\").");
    }

    @Test
    void xavierNeedsAPositiveGain() {
        assertThatThrownBy(() -> xavierUniform(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("xavierUniform() needs a positive, finite gain. Received:"
                        + " xavierUniform(0.0). Use e.g. xavierUniform(1.0), or"
                        + " xavierUniform(5.0 / 3) before tanh.");
    }

    @Test
    void normalNeedsAPositiveStandardDeviationAndAFiniteMean() {
        assertThatThrownBy(() -> normal(0, -0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normal() needs a positive, finite standard deviation. Received:"
                        + " normal(0.0, -0.01). Use e.g. normal(0, 0.01).");
        assertThatThrownBy(() -> normal(Double.POSITIVE_INFINITY, 0.01))
                .hasMessage("normal() needs a finite mean. Received: normal(Infinity, 0.01)."
                        + " Use e.g. normal(0, 0.01).");
    }

    @Test
    void aMissingInitializerSaysHowToLeaveItOut() {
        assertThatThrownBy(() -> multiTask().initializer(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initializer() needs an initializer. Received: initializer(null)."
                        + " Use e.g. initializer(pytorchDefault()), or leave it out for the"
                        + " default kaimingNormal().");
        assertThatThrownBy(() -> dense(64).init(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dense(64).init() needs an initializer. Received: init(null). Use"
                        + " e.g. dense(64).init(xavierUniform()), or leave .init out to use the"
                        + " model's.");
        assertThatThrownBy(() -> multiTask().experts(2, dense(4)).gateInit(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateInit() needs an initializer. Received: gateInit(null). Use e.g."
                        + " gateInit(normal(0, 0.01)), or leave it out to use the model's.");
    }
}
