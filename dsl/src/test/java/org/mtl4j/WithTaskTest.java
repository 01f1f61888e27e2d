package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/** withTask(): a new model from a trained one, trained with frozen parts, saved and loaded. */
class WithTaskTest {

    static final Table OLD = TwoPhaseData.oldRows(300, 1);
    static final Table NEW = TwoPhaseData.newRows(300, 2);
    static final Table TEST = TwoPhaseData.all(200, 3, "test");

    static ModelBuilder base() {
        return multiTask().input(numeric("x1", "x2", "x3", "x4"));
    }

    static MultiTaskModel trained(ModelBuilder architecture) {
        MultiTaskModel model = architecture
                .task("a").head(dense(1)).loss(mse()).metric(mae())
                .task("b").head(dense(2)).loss(crossEntropy()).metric(accuracy())
                .build();
        model.fit(OLD, epochs(8), adam(1e-2), seed(5), quiet());
        return model;
    }

    static MultiTaskModel withC(MultiTaskModel model) {
        return model.withTask("c").head(dense(8), relu(), dense(1)).loss(mse()).metric(mae())
                .build();
    }

    /** Every value of {@code parameters}, in order, as one array (compared bit for bit). */
    static float[] values(List<Parameter> parameters) {
        List<float[]> parts = new ArrayList<>();
        for (Parameter parameter : parameters) {
            parts.add(parameter.getArray().toFloatArray());
        }
        return concat(parts);
    }

    static float[] concat(List<float[]> parts) {
        int size = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[size];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static MultiTaskBlock block(MultiTaskModel model) {
        return model.parts().orElseThrow().block();
    }

    static List<Parameter> sharedOf(MultiTaskModel model) {
        return block(model).sharedParameters();
    }

    static List<Parameter> headsOf(MultiTaskModel model, int... tasks) {
        List<Parameter> found = new ArrayList<>();
        for (int t : tasks) {
            found.addAll(block(model).heads().get(t).getParameters().values());
        }
        return found;
    }

    static double[] column(Table predictions, String name) {
        return predictions.numberColumn(name).asDoubleArray();
    }

    @Test
    void startsFromTheTrainedValuesAndLeavesTheOriginalAsItWas() {
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu()))) {
            float[] before = values(new ArrayList<>(block(model).getParameters().values()));
            Table predicted = model.predict(TEST);

            try (MultiTaskModel extended = withC(model)) {
                // a new model with the three tasks, untrained until its own fit
                assertThat(extended).isNotSameAs(model);
                assertThat(extended.spec().taskNames()).containsExactly("a", "b", "c");
                assertThat(extended.parts()).isEmpty();
                extended.fit(NEW, epochs(3), adam(1e-2), seed(9), quiet());

                // the original is unchanged and usable
                assertThat(values(new ArrayList<>(block(model).getParameters().values())))
                        .isEqualTo(before);
                assertThat(column(model.predict(TEST), "a")).isEqualTo(column(predicted, "a"));
                assertThat(model.spec().taskNames()).containsExactly("a", "b");
            }
        }
    }

    @Test
    void addsSeveralTasksAtOnceAndOutlivesTheOriginal() {
        MultiTaskModel model = trained(base().trunk(dense(16), relu()));
        try (MultiTaskModel extended = model.withTask("c").head(dense(1)).loss(mse())
                .task("d").label("c").head(dense(1)).loss(l1()).metric(mae())
                .build()) {
            Table before = model.predict(TEST);
            model.close();

            extended.fit(NEW, epochs(2), adam(1e-2), seed(9), quiet(), freeze(trunk()));

            assertThat(extended.spec().taskNames()).containsExactly("a", "b", "c", "d");
            Table predicted = extended.predict(TEST);
            assertThat(predicted.columnNames()).contains("a", "b", "c", "d");
            // the old heads are bit for bit the same; one-layer heads run as one matrix product,
            // which now has more columns, so outputs agree to float rounding
            assertThat(column(predicted, "a")).containsExactly(column(before, "a"),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void frozenTrunkAndOldHeadsStayBitIdenticalAndOldPredictionsDoNotMove() {
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu(), dense(16), relu()));
                MultiTaskModel extended = withC(model)) {
            // WHEN the new task trains with the trunk frozen (the old heads see no label)
            extended.fit(NEW, epochs(6), adam(1e-2), seed(9), quiet(), freeze(trunk()));

            // THEN the trunk is the trained one, bit for bit, and so are the old tasks' outputs
            assertThat(values(sharedOf(extended))).isEqualTo(values(sharedOf(model)));
            assertThat(values(headsOf(extended, 0, 1)))
                    .isEqualTo(values(headsOf(model, 0, 1)));
            Table before = model.predict(TEST);
            Table after = extended.predict(TEST);
            assertThat(column(after, "a")).isEqualTo(column(before, "a"));
            assertThat(column(after, "b_probability"))
                    .isEqualTo(column(before, "b_probability"));
            // while the new head learnt: better than predicting the mean (MAE of c ≈ 0.9)
            double mae = extended.evaluate(TEST).doubleColumn("mae").get(2);
            assertThat(mae).isLessThan(0.75);
        }
    }

    @Test
    void frozenHeadsOfLabelledTasksStayWhileTheTrunkMoves() {
        Table everything = TwoPhaseData.all(300, 4, "everything");
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu()));
                MultiTaskModel extended = withC(model)) {
            // rows with every label: only freeze(...) keeps the old heads still
            extended.fit(everything, epochs(2), adam(1e-2), seed(9), quiet(),
                    freeze(heads("a", "b")));

            assertThat(values(headsOf(extended, 0, 1)))
                    .isEqualTo(values(headsOf(model, 0, 1)));
            assertThat(values(sharedOf(extended))).isNotEqualTo(values(sharedOf(model)));
        }
    }

    @Test
    void aBatchWhoseLabelledTasksReachOnlyFrozenPartsStepsLikeABatchWithoutLabels() {
        // GIVEN c labelled on one row of 300; a and b labelled everywhere, or nowhere
        Table labelled = TwoPhaseData.all(300, 4, "labelled");
        for (int row = 1; row < labelled.rowCount(); row++) {
            labelled.doubleColumn("c").setMissing(row);
        }
        Table onlyC = labelled.copy().removeColumns("a", "b");
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu()));
                MultiTaskModel frozen = withC(model);
                MultiTaskModel unlabelled = withC(model)) {
            // WHEN both fit with the trunk and the heads of a and b frozen: in 14 batches of 15
            // the objective is a constant (a's and b's losses) or nothing (no label at all)
            org.mtl4j.train.FitOption[] options = {epochs(2), batchSize(20), adam(1e-2), seed(9),
                quiet(), freeze(trunk(), heads("a", "b"))};
            TrainingRun run = frozen.fit(labelled, options);
            unlabelled.fit(onlyC, options);

            // THEN every step counts, the frozen parts stay, and c's head takes the same Adam
            // steps as when those batches have no label at all
            assertThat(run.history().steps()).hasSize(30);
            assertThat(values(sharedOf(frozen))).isEqualTo(values(sharedOf(model)));
            assertThat(values(headsOf(frozen, 0, 1))).isEqualTo(values(headsOf(model, 0, 1)));
            assertThat(run.history().epochs().get(1).tasks().get(2).trainLoss()).as("c learns")
                    .isLessThan(run.history().epochs().get(0).tasks().get(2).trainLoss());
            assertThat(values(headsOf(frozen, 2))).isEqualTo(values(headsOf(unlabelled, 2)));
        }
    }

    @Test
    void freezingAfterAnUnfrozenFitKeepsThePartDespiteAdamsMoments() {
        // GIVEN an extended model whose trunk already has moments (AdamW's with its decay, or
        // DJL's SGD with momentum)
        for (org.mtl4j.train.OptimizerSpec optimizer
                : List.of(adamW(1e-2), sgd(0.05).momentum(0.9))) {
            try (MultiTaskModel model = trained(base().trunk(dense(16), relu()));
                    MultiTaskModel extended = withC(model)) {
                extended.fit(NEW, epochs(2), optimizer, seed(9), quiet());
                float[] trunk = values(sharedOf(extended));

                // WHEN the same optimizer continues with the trunk frozen
                extended.fit(NEW, epochs(2), optimizer, seed(9), quiet(), freeze(trunk()));

                // THEN neither the moments nor the decay moved it
                assertThat(values(sharedOf(extended))).as(optimizer.toString())
                        .isEqualTo(trunk);
            }
        }
    }

    @Test
    void frozenPartsStayBitIdenticalWithAGradientWeightingToo() {
        // pcgrad needs the shared gradients, which are computed but never applied
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu()));
                MultiTaskModel extended = model.withTask("c").head(dense(1)).loss(mse())
                        .weighting(pcgrad()).build()) {
            extended.fit(TwoPhaseData.all(200, 6, "all"), epochs(2), adam(1e-2), quiet(),
                    freeze(trunk()));

            assertThat(values(sharedOf(extended))).isEqualTo(values(sharedOf(model)));
            assertThat(values(headsOf(extended, 0))).isNotEqualTo(values(headsOf(model, 0)));
        }
    }

    @Test
    void everyArchitectureTakesANewTaskAndFreezesItsSharedPart() {
        List<ModelBuilder> architectures = List.of(
                base().experts(3, dense(8), relu()).gates(),
                base().experts(2, dense(8), relu()).taskExperts(1).gates(),
                base().experts(2, dense(8), relu()).taskExperts(1).levels(2).gates(),
                base().experts(3, dense(8), relu()).sharedGate(),
                base().crossStitch(dense(8), relu(), dense(8), relu()));
        for (ModelBuilder architecture : architectures) {
            try (MultiTaskModel model = trained(architecture);
                    MultiTaskModel extended = withC(model)) {
                String kind = model.spec().sharing().kind();
                extended.fit(NEW, epochs(2), adam(1e-2), seed(9), quiet(), freeze(shared()));

                List<Parameter> trained = sharedOf(model);
                List<float[]> kept = new ArrayList<>();
                for (var place : org.mtl4j.model.TrainedValues.places(block(extended))
                        .entrySet()) {
                    if (org.mtl4j.model.TrainedValues.places(block(model))
                            .containsKey(place.getKey()) && place.getKey().startsWith("sharing")
                            && !place.getKey().contains("sharedGate")
                            && !place.getKey().endsWith("alpha")) {
                        kept.add(place.getValue().getArray().toFloatArray());
                    }
                }
                assertThat(kept).as(kind).isNotEmpty();
                List<float[]> original = new ArrayList<>();
                for (var place : org.mtl4j.model.TrainedValues.places(block(model)).entrySet()) {
                    if (place.getKey().startsWith("sharing")
                            && !place.getKey().contains("sharedGate")
                            && !place.getKey().endsWith("alpha")) {
                        original.add(place.getValue().getArray().toFloatArray());
                    }
                }
                assertThat(concat(kept)).as(kind).isEqualTo(concat(original));
                assertThat(trained).isNotEmpty();
                if (!kind.equals("PLE")) {
                    // the old tasks compute what they did (PLE's shared gate gains experts)
                    assertThat(column(extended.predict(TEST), "a")).as(kind)
                            .isEqualTo(column(model.predict(TEST), "a"));
                }
            }
        }
    }

    @Test
    void savesLoadsAndResumesLikeAnyModel(@TempDir Path folder) throws Exception {
        try (MultiTaskModel model = trained(base().trunk(dense(16), relu()));
                MultiTaskModel extended = withC(model)) {
            extended.fit(NEW, epochs(3), adam(1e-2), seed(9), quiet(), freeze(trunk()));
            Path file = folder.resolve("extended.mtl4j");
            extended.save(file);
            assertThat(Files.size(file)).isPositive();

            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                assertThat(loaded.spec()).isEqualTo(extended.spec());
                Table expected = extended.predict(TEST);
                Table got = loaded.predict(TEST);
                for (String column : List.of("a", "b_probability", "c")) {
                    assertThat(column(got, column)).as(column)
                            .isEqualTo(column(expected, column));
                }
                // resume: both go on from epoch 4 with the same losses
                TrainingRun going = extended.fit(NEW, epochs(2), adam(1e-2), seed(9), quiet());
                TrainingRun resumed = loaded.fit(NEW, epochs(2), adam(1e-2), seed(9), quiet());
                assertThat(resumed.history().lastEpoch().epoch()).isEqualTo(5);
                assertThat(resumed.history().lastEpoch().task("c").trainLoss())
                        .isEqualTo(going.history().lastEpoch().task("c").trainLoss());
            }
        }
    }
}
