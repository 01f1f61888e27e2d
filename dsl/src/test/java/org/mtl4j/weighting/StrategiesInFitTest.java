package org.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.PartialData;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.train.TrainingHistory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Every strategy trains a DSL model, records its weights, and copes with partial labels. */
class StrategiesInFitTest {

    private static final Table SEED = SeedExample.table(400, 2, 9);

    static List<Weighting> strategies() {
        return List.of(equal(), uncertainty(), dwa(), rlw(), gradNorm(), pcgrad(), mgda(),
                cagrad(), imtl(), nashMtl(), pcgrad().onTrunkOutput(), mgda().onTrunkOutput(),
                cagrad().onTrunkOutput(), imtl().onTrunkOutput(), nashMtl().onTrunkOutput(),
                famo(), upgrad(), alignedMtl(), alignedMtl().onTrunkOutput(), gradVac(),
                stch(), fairGrad(), gls(), dbMtl());
    }

    private static MultiTaskModel seedModel(Weighting weighting) {
        return multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(16), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .weighting(weighting)
                .build();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void everyStrategyLowersBothLossesAndRecordsItsWeights(Weighting weighting) {
        try (MultiTaskModel model = seedModel(weighting)) {
            TrainingHistory history = model.fit(SEED, epochs(6), batchSize(32), adam(1e-2),
                    quiet()).history();

            for (String task : List.of("task1", "task2")) {
                assertThat(history.lastEpoch().task(task).trainLoss())
                        .as("%s with %s", task, weighting)
                        .isLessThan(0.8 * history.epochs().get(0).task(task).trainLoss());
            }
            DoubleColumn weights = history.stepsTable().doubleColumn("weight");
            assertThat(weights.size()).isEqualTo(2 * 6 * 13);
            assertThat(weights.min()).as("weights of %s", weighting).isGreaterThan(0);
            assertThat(weights.max()).as("weights of %s", weighting).isLessThan(100);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void batchesWithoutLabelsForATaskGiveItWeightZeroOrLeaveItOut(Weighting weighting) {
        // 'kind' is labelled on every 5th row only: most batches of 3 have no 'kind' label
        Table data = PartialData.table(150, 5, 4);
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("kind").head(dense(2)).loss(crossEntropy())
                .weighting(weighting)
                .build()) {
            TrainingHistory history = model.fit(data, epochs(3), batchSize(3), adam(1e-2),
                    quiet()).history();

            Table steps = history.stepsTable();
            assertThat(steps.doubleColumn("weight").isMissing().size()).isZero();
            assertThat(history.lastEpoch().task("y").trainLoss())
                    .as("y with %s", weighting)
                    .isLessThan(history.epochs().get(0).task("y").trainLoss());
            assertThat(Double.isFinite(history.lastEpoch().task("kind").trainLoss())).isTrue();
        }
    }

    @Test
    void aFixedRuleOnParametersOrOnTheTrunkOutputGivesTheSameModelAsEqualWeights() {
        GradientWeighting sum = context -> gram -> new double[] {1, 1};
        List<double[]> equal = parametersAfterOneStep(equal());

        for (Weighting weighting : List.of(sum, sum.onTrunkOutput())) {
            List<double[]> other = parametersAfterOneStep(weighting);
            for (int p = 0; p < equal.size(); p++) {
                assertThat(other.get(p)).as("parameter %d with %s", p, weighting)
                        .containsExactly(equal.get(p), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static List<double[]> parametersAfterOneStep(Weighting weighting) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(16), relu(), dense(8), tanh())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(huber())
                .weighting(weighting)
                .build()) {
            model.fit(SEED, epochs(1), batchSize(400), sgd(0.5), quiet());
            return ModelParameters.of(model);
        }
    }

    @Test
    void randomChoicesFollowTheFitSeed() {
        for (Weighting weighting : List.of(rlw(), pcgrad())) {
            double[] first = weights(weighting, 3);
            assertThat(weights(weighting, 3)).as("%s", weighting).containsExactly(first);
            assertThat(weights(weighting, 4)).as("%s", weighting).isNotEqualTo(first);
        }
    }

    @Test
    void gradNormAndUncertaintyMoveTheirWeightsAwayFromTheStart() {
        double[] gradNorm = weights(gradNorm(), 1);
        double[] uncertainty = weights(uncertainty(), 1);

        assertThat(gradNorm[gradNorm.length - 2] + gradNorm[gradNorm.length - 1])
                .isCloseTo(2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gradNorm[gradNorm.length - 1]).isNotEqualTo(1.0);
        assertThat(uncertainty[uncertainty.length - 1]).isNotCloseTo(Math.exp(0.5) / 2,
                org.assertj.core.data.Offset.offset(1e-3));
    }

    private static double[] weights(Weighting weighting, long seed) {
        try (MultiTaskModel model = seedModel(weighting)) {
            return model.fit(SEED, epochs(2), batchSize(32), seed(seed), quiet()).history()
                    .stepsTable().doubleColumn("weight").asDoubleArray();
        }
    }
}
