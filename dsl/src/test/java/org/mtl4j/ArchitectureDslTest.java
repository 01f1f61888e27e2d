package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.datasets.TaskCorrelationData;
import org.mtl4j.model.CrossStitchBlock;
import org.mtl4j.model.MixtureOfExpertsBlock;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.MixtureOfExperts;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

class ArchitectureDslTest {

    private static final String[] X = {"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
            "x10"};

    private static Table correlated(int rows) {
        return TaskCorrelationData.create(0.5, 10, 1.0, 3, 0.1, 4).table(rows, 5);
    }

    private static MultiTaskModel twoTasks(UnaryOperator<ModelBuilder> sharing) {
        return sharing.apply(multiTask().input(numeric(X)))
                .task("y1").head(dense(8), relu(), dense(1)).loss(mse())
                .task("y2").head(dense(8), relu(), dense(1)).loss(mse())
                .build();
    }

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of("MMoE", (UnaryOperator<ModelBuilder>)
                        b -> b.experts(4, dense(8), relu()).gates()),
                Arguments.of("OMoE", (UnaryOperator<ModelBuilder>)
                        b -> b.experts(4, dense(8), relu()).sharedGate()),
                Arguments.of("CGC", (UnaryOperator<ModelBuilder>)
                        b -> b.experts(2, dense(8), relu()).taskExperts(1).gates()),
                Arguments.of("PLE", (UnaryOperator<ModelBuilder>)
                        b -> b.experts(2, dense(8), relu()).taskExperts(1).levels(2).gates()),
                Arguments.of("cross-stitch", (UnaryOperator<ModelBuilder>)
                        b -> b.crossStitch(dense(16), relu(), dense(8), relu())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void everyArchitectureLearnsTheCorrelatedTasks(String kind, UnaryOperator<ModelBuilder> arch) {
        try (MultiTaskModel model = twoTasks(arch)) {
            TrainingRun run = model.fit(correlated(600), epochs(15), batchSize(32), adam(1e-2),
                    seed(3), quiet());

            List<EpochRecord> epochs = run.history().epochs();
            for (String task : List.of("y1", "y2")) {
                assertThat(epochs.get(epochs.size() - 1).task(task).trainLoss())
                        .as("%s %s", kind, task)
                        .isLessThan(0.5 * epochs.get(0).task(task).trainLoss());
            }
            assertThat(model.spec().sharing().kind()).isEqualTo(kind);
            assertThat(model.summary()).contains("sharing: " + kind + ", ");
        }
    }

    @Test
    void expertsDeclareTheArchitecturesOfThePapers() {
        MixtureOfExperts ple = (MixtureOfExperts) twoTasks(
                b -> b.experts(4, dense(16), relu()).taskExperts(2).levels(3).gates())
                .spec().sharing();
        CrossStitch stitch = (CrossStitch) twoTasks(
                b -> b.crossStitch(0.8, dense(16), relu(), dense(8))).spec().sharing();

        assertThat(ple).isEqualTo(new MixtureOfExperts(4, List.of(dense(16), relu()), 2, 3,
                true));
        assertThat(ple).hasToString("experts(4, dense(16), relu()).taskExperts(2).levels(3)"
                + ".gates()");
        assertThat(stitch.stages()).containsExactly(List.of(dense(16), relu()),
                List.of(dense(8)));
        assertThat(stitch).hasToString("crossStitch(0.8, dense(16), relu(), dense(8))");
    }

    @Test
    void gateWeightsAreMeansOverRowsThatSumToOnePerTask() {
        Table table = correlated(300);
        try (MultiTaskModel model = twoTasks(b -> b.experts(3, dense(8), relu()).gates())) {
            model.fit(table, epochs(2), quiet());

            Table gates = model.gateWeights(table);

            assertThat(gates.columnNames()).containsExactly("level", "task", "expert", "weight");
            assertThat(gates.rowCount()).isEqualTo(6);
            assertThat(gates.stringColumn("expert").asList()).containsExactly("shared 1",
                    "shared 2", "shared 3", "shared 1", "shared 2", "shared 3");
            for (String task : List.of("y1", "y2")) {
                assertThat(gates.where(gates.stringColumn("task").isEqualTo(task))
                        .doubleColumn("weight").sum()).isCloseTo(1.0, within(1e-5));
            }
            assertThat(model.parts().orElseThrow().block().sharing())
                    .isInstanceOf(MixtureOfExpertsBlock.class);
        }
    }

    @Test
    void summaryShowsTheArchitectureAndItsParameterCount() {
        try (MultiTaskModel model = twoTasks(b -> b.crossStitch(dense(4), relu()))) {
            model.fit(correlated(50), epochs(1), quiet());

            assertThat(model.summary()).contains(
                    "sharing: cross-stitch, crossStitch(dense(4), relu()) (" + (2 * 44 + 4)
                            + " parameters)");
            assertThat(model.parts().orElseThrow().block().sharing())
                    .isInstanceOf(CrossStitchBlock.class);
        }
    }

    @Test
    void trunkAndExpertsTogetherAreRejectedAtBuild() {
        assertThatThrownBy(() -> twoTasks(
                b -> b.trunk(dense(8), relu()).experts(4, dense(8)).gates()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The model declares more than one shared architecture. Received:"
                        + " trunk(dense(8), relu()) and experts(4, dense(8)). Keep one:"
                        + " .trunk(...) for hard sharing, .experts(...).gates() for a mixture of"
                        + " experts, or .crossStitch(...) for cross-stitch columns.");
    }

    @Test
    void gradientsOnTheTrunkOutputNeedATrunk() {
        assertThatThrownBy(() -> twoTasks(
                b -> b.experts(4, dense(8)).gates().weighting(mgda().onTrunkOutput())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Weighting mgda().onTrunkOutput() needs one trunk output shared by"
                        + " every task, but the model gives each task its own representation."
                        + " Received: experts(4, dense(8)).gates(). Use mgda() on the shared"
                        + " parameters, or declare .trunk(...).");
    }

    @Test
    void expertsWithoutGatesAreRejectedAtBuild() {
        assertThatThrownBy(() -> multiTask().input(numeric(X))
                .experts(8, dense(16), relu())
                .task("y1").head(dense(1)).loss(mse())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experts(8, dense(16), relu()) has no gates. Received: gates=none."
                        + " Add .gates() for one softmax gate per task (MMoE; CGC or PLE with"
                        + " .taskExperts(n)), or .sharedGate() for one gate shared by all tasks"
                        + " (OMoE).");
    }

    @Test
    void badExpertValuesNameTheValueAndTheFix() {
        assertThatThrownBy(() -> twoTasks(b -> b.experts(0, dense(16)).gates()))
                .hasMessage("experts() needs at least 1 expert. Received: experts(0, dense(16))."
                        + " Use e.g. experts(8, dense(16), relu()).");
        assertThatThrownBy(() -> twoTasks(b -> b.experts(4, relu()).gates()))
                .hasMessage("Each expert needs a dense(n) layer. Received: experts(4, relu())."
                        + " Use e.g. experts(4, dense(16), relu()).");
        assertThatThrownBy(() -> twoTasks(
                b -> b.experts(4, dense(8)).taskExperts(2).sharedGate()))
                .hasMessage("sharedGate() mixes shared experts in one level only. Received:"
                        + " taskExperts(2), levels(1). Use .gates() for CGC and PLE, or drop"
                        + " .taskExperts(...) and .levels(...).");
        assertThatThrownBy(() -> twoTasks(b -> b.experts(4, dense(8)).levels(0).gates()))
                .hasMessage("levels() needs at least 1 level. Received: levels(0). Use 1 for CGC"
                        + " or e.g. levels(2) for PLE.");
    }

    @Test
    void crossStitchMustStartWithADenseLayer() {
        assertThatThrownBy(() -> multiTask().crossStitch(relu(), dense(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crossStitch() needs layers that start with dense(n). Received:"
                        + " crossStitch(relu(), dense(8)). Use e.g. crossStitch(dense(64), relu(),"
                        + " dense(32), relu()).");
    }

    @Test
    void gateWeightsNeedExperts() {
        try (MultiTaskModel model = twoTasks(b -> b.trunk(dense(8), relu()))) {
            model.fit(correlated(50), epochs(1), quiet());

            assertThatThrownBy(() -> model.gateWeights(correlated(10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("gateWeights() needs a model with experts and gates. Received:"
                            + " trunk(dense(8), relu()). Declare e.g. .experts(8, dense(16),"
                            + " relu()).gates() instead.");
        }
    }
}
