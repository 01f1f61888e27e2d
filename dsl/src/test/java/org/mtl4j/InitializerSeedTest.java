package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.spec.layers.Initializer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Through {@code fit}: the fit's seed decides the drawn weights. An SGD step of 1e-30 leaves
 * every nonzero float32 weight as drawn (and a zero one within 1e-20 of zero), so the parameters
 * after one epoch are the initial ones.
 */
class InitializerSeedTest {

    private static List<double[]> initial(Initializer init, long seed) {
        Table data = table();
        try (MultiTaskModel model = multiTask().initializer(init)
                .input(numeric("x1", "x2"))
                .trunk(dense(32), relu())
                .task("mass").head(dense(1)).loss(mse())
                .build()) {
            model.fit(data, epochs(1), sgd(1e-30), seed(seed), quiet());
            return ModelParameters.of(model);
        }
    }

    private static Table table() {
        Random random = new Random(1);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn mass = DoubleColumn.create("mass");
        for (int i = 0; i < 64; i++) {
            x1.append(random.nextGaussian());
            x2.append(random.nextGaussian());
            mass.append(x1.get(i) - x2.get(i));
        }
        return Table.create("rows", x1, x2, mass);
    }

    @Test
    void theFitsSeedReproducesTheDrawnWeightsAndAnotherSeedDrawsOthers() {
        List<double[]> first = initial(pytorchDefault(), 5);
        List<double[]> again = initial(pytorchDefault(), 5);
        List<double[]> other = initial(pytorchDefault(), 6);
        for (int p = 0; p < first.size(); p++) {
            assertThat(again.get(p)).containsExactly(first.get(p));
            assertThat(other.get(p)).isNotEqualTo(first.get(p));
        }
    }

    @Test
    void fitUsesTheModelsInitializer() {
        double bound = 1 / Math.sqrt(2);
        // parameters in block order: trunk weight (32 × 2), trunk bias (32), head weight, bias
        List<double[]> pytorch = initial(pytorchDefault(), 5);
        assertThat(largest(pytorch.get(1))).isLessThan(bound).isGreaterThan(0.3);
        assertThat(largest(pytorch.get(0))).isLessThan(bound);
        List<double[]> djl = initial(kaimingNormal(), 5);
        assertThat(largest(djl.get(1))).isLessThan(1e-20); // zero, but for the 1e-30 step
        assertThat(largest(djl.get(0))).isGreaterThan(bound);
    }

    private static double largest(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElseThrow();
    }
}
