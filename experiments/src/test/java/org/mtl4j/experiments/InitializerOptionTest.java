package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.pytorchDefault;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The reproductions' {@code --initializer djl|pytorch}. */
@Tag("unit")
class InitializerOptionTest {

    @Test
    void djlIsTodaysDefaultAndPytorchIsPytorchDefault() {
        assertThat(GradNormToyReport.initializer("djl")).isNull();
        assertThat(GradNormToyReport.initializer("pytorch")).isEqualTo(pytorchDefault());
    }

    @Test
    void anUnknownNameIsNamed() {
        assertThatThrownBy(() -> GradNormToyReport.initializer("xavier"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown initializer xavier. Use --initializer djl");
    }

    @Test
    void theMmoeReproductionRejectsAnUnknownInitializerBeforeTraining() {
        assertThatThrownBy(() -> MmoeReproduction.main(new String[] {"--initializer", "he"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown initializer he.");
    }
}
