package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.mtl4j.ModelBuilder;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * The fits on which a measuring option (the conflict monitor, the task affinity) must leave
 * training bit-identical: every sharing architecture, dropout, and weightings of each kind, each
 * fitted twice from the same seed, without and with the option.
 *
 * <p>Example: {@code ProbedFits.assertIdentical(sharing, weighting, conflictMonitor(), history ->
 * assertThat(history.conflicts()).hasSize(6))}
 */
final class ProbedFits {

    private static final Table DATA = SeedExample.table(192, 3, 11);

    private ProbedFits() {}

    /** Arguments (name, sharing, weighting) for a {@code @MethodSource}. */
    static Stream<Arguments> fits() {
        UnaryOperator<ModelBuilder> hard = b -> b.trunk(dense(8), relu());
        UnaryOperator<ModelBuilder> mmoe = b -> b.experts(3, dense(8), relu()).gates();
        UnaryOperator<ModelBuilder> ple = b -> b.experts(2, dense(8), relu()).taskExperts(1)
                .levels(2).gates();
        UnaryOperator<ModelBuilder> dropout = b -> b.trunk(dense(8), relu(), dropout(0.3));
        UnaryOperator<ModelBuilder> stitch = b -> b.crossStitch(dense(8), relu());
        return Stream.of(
                Arguments.of("hard sharing, equal", hard, equal()),
                Arguments.of("hard sharing with dropout, equal", dropout, equal()),
                Arguments.of("hard sharing, uncertainty", hard, uncertainty()),
                Arguments.of("hard sharing, gradNorm", hard, gradNorm()),
                Arguments.of("hard sharing, dwa", hard, dwa()),
                Arguments.of("hard sharing, rlw", hard, rlw()),
                Arguments.of("hard sharing, pcgrad", hard, pcgrad()),
                Arguments.of("hard sharing, mgda on the trunk output", hard,
                        mgda().onTrunkOutput()),
                Arguments.of("MMoE, cagrad", mmoe, cagrad()),
                Arguments.of("PLE, imtl", ple, imtl()),
                Arguments.of("cross-stitch, nashMtl", stitch, nashMtl()));
    }

    /**
     * Fits the model twice for 2 epochs (4 steps each, a quarter held out), without and with
     * {@code probe}; checks the probed history with {@code recorded}, then that step losses and
     * weights, epoch losses and weights, and every parameter are bit-identical.
     */
    static void assertIdentical(UnaryOperator<ModelBuilder> sharing, Weighting weighting,
            FitOption probe, Consumer<TrainingHistory> recorded) {
        Table plainSteps;
        Table plainEpochs;
        List<double[]> plainParameters;
        try (MultiTaskModel model = model(sharing, weighting)) {
            TrainingHistory history = model.fit(DATA, epochs(2), batchSize(32), adam(1e-2),
                    validationSplit(0.25), quiet()).history();
            plainSteps = history.stepsTable();
            plainEpochs = history.toTable();
            plainParameters = ModelParameters.of(model);
        }
        try (MultiTaskModel model = model(sharing, weighting)) {
            TrainingHistory history = model.fit(DATA, epochs(2), batchSize(32), adam(1e-2),
                    validationSplit(0.25), probe, quiet()).history();

            recorded.accept(history);
            for (String column : List.of("loss", "weight")) {
                assertThat(history.stepsTable().doubleColumn(column).asDoubleArray())
                        .as(column).isEqualTo(plainSteps.doubleColumn(column).asDoubleArray());
            }
            for (String column : List.of("train_loss", "validation_loss", "weight")) {
                assertThat(history.toTable().doubleColumn(column).asDoubleArray())
                        .as(column).isEqualTo(plainEpochs.doubleColumn(column).asDoubleArray());
            }
            List<double[]> parameters = ModelParameters.of(model);
            assertThat(parameters).hasSameSizeAs(plainParameters);
            for (int p = 0; p < parameters.size(); p++) {
                assertThat(parameters.get(p)).as("parameter %d", p)
                        .isEqualTo(plainParameters.get(p));
            }
        }
    }

    private static MultiTaskModel model(UnaryOperator<ModelBuilder> sharing, Weighting weighting) {
        return sharing.apply(multiTask().input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7",
                        "x8", "x9", "x10")))
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .task("task3").head(dense(1)).loss(l1())
                .weighting(weighting)
                .build();
    }
}
