package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import tech.tablesaw.api.Table;

class OptimizerAndWeightingTest {

    private static final Table DATA = SeedExample.table(400, 2, 9);

    private static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(16), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(l1())
                .build();
    }

    static List<OptimizerSpec> optimizers() {
        return List.of(sgd(0.05), sgd(0.02).momentum(0.9), adam(1e-2), adamW(1e-2).weightDecay(0.05));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizerLowersBothLosses(OptimizerSpec optimizer) {
        try (MultiTaskModel model = model()) {
            TrainingHistory history = model.fit(DATA, epochs(8), optimizer, quiet()).history();
            for (String task : List.of("task1", "task2")) {
                assertThat(history.lastEpoch().task(task).trainLoss())
                        .as("%s with %s", task, optimizer)
                        .isLessThan(0.7 * history.epochs().get(0).task(task).trainLoss());
            }
        }
    }

    @Test
    void clippingBoundsTheUpdateByTheGlobalGradientNorm() {
        try (MultiTaskModel model = model()) {
            model.fit(DATA, epochs(1), batchSize(400), sgd(1e-9), quiet());
            List<double[]> before = ModelParameters.of(model);

            // one full-batch SGD step with learning rate 1: the update is the clipped gradient
            model.fit(DATA, epochs(1), batchSize(400), sgd(1.0), clipGradientNorm(0.01), quiet());

            double squares = 0;
            List<double[]> after = ModelParameters.of(model);
            for (int p = 0; p < before.size(); p++) {
                for (int i = 0; i < before.get(p).length; i++) {
                    double d = after.get(p)[i] - before.get(p)[i];
                    squares += d * d;
                }
            }
            assertThat(Math.sqrt(squares)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void staticWeightsScaleTasksAndAZeroWeightLeavesItsHeadAlone() {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .weighting(weights(Map.of("task1", 0.0, "task2", 2.5)))
                .build()) {
            model.fit(DATA, epochs(1), batchSize(400), sgd(1e-9), quiet());
            double[] head1 = ModelParameters.head(model, 0);
            double[] head2 = ModelParameters.head(model, 1);

            TrainingHistory history = model.fit(DATA, epochs(2), sgd(0.1), quiet()).history();

            assertThat(ModelParameters.head(model, 0)).containsExactly(head1);
            assertThat(ModelParameters.head(model, 1)).isNotEqualTo(head2);
            assertThat(history.steps()).allSatisfy(step -> {
                assertThat(step.weight(0)).isEqualTo(0.0);
                assertThat(step.weight(1)).isEqualTo(2.5);
            });
            assertThat(history.toTable().doubleColumn("weight").asDoubleArray())
                    .containsExactly(0.0, 2.5, 0.0, 2.5, 0.0, 2.5);
        }
    }
}
