package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mtl4j.GarbageCollections;
import org.mtl4j.engine.NoGrad;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.MixtureOfExperts;

/**
 * Gradients of the new architectures against central finite differences, in double precision,
 * with garbage collections forced between forward and backward (see the DJL scalar bug in
 * DESIGN.md).
 */
class ArchitectureGradientTest {

    private static final double EPSILON = 1e-6;

    @Test
    void pleGradientsMatchFiniteDifferences() {
        check(MixtureOfExpertsBlock.of(
                new MixtureOfExperts(2, List.of(dense(3), tanh()), 1, 2, true), 2));
    }

    @Test
    void crossStitchGradientsMatchFiniteDifferences() {
        check(CrossStitchBlock.of(
                new CrossStitch(List.of(dense(3), tanh(), dense(2), sigmoid()), 0.7), 3));
    }

    private static void check(SharingBlock sharing) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(11);
            sharing.initialize(manager, DataType.FLOAT64, new Shape(1, 4));
            NDArray x = manager.randomNormal(new Shape(5, 4)).toType(DataType.FLOAT64, false);
            ParameterStore store = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray objective = objective(sharing, store, x);
                GarbageCollections.force();
                collector.backward(objective);
            }
            int checked = 0;
            for (Parameter parameter : sharing.getParameters().values()) {
                NDArray weight = parameter.getArray();
                double[] analytic = weight.getGradient().toDoubleArray();
                for (int i = 0; i < analytic.length; i += Math.max(1, analytic.length / 4)) {
                    double numeric = (shifted(sharing, store, x, weight, i, EPSILON)
                            - shifted(sharing, store, x, weight, i, -EPSILON)) / (2 * EPSILON);
                    assertThat(analytic[i]).as("d objective / d %s[%d]", parameter.getName(), i)
                            .isCloseTo(numeric, Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(20);
        }
    }

    /** Σ_t Σ (t + 1)·output_t²: every task's output counts, differently. */
    private static NDArray objective(SharingBlock sharing, ParameterStore store, NDArray x) {
        NDList outputs = sharing.forward(store, new NDList(x), true);
        NDArray total = null;
        for (int t = 0; t < outputs.size(); t++) {
            NDArray term = outputs.get(t).square().sum();
            for (int k = 0; k < t; k++) {
                term = term.add(outputs.get(t).square().sum());
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static double shifted(SharingBlock sharing, ParameterStore store, NDArray x,
            NDArray weight, int index, double delta) {
        try (NoGrad ignored = new NoGrad();
                NDManager scope = x.getManager().newSubManager()) {
            double[] shift = new double[(int) weight.size()];
            shift[index] = delta;
            NDArray change = scope.create(shift, weight.getShape());
            weight.addi(change);
            double value = objective(sharing, store, x).getDouble();
            weight.subi(change);
            return value;
        }
    }

}
