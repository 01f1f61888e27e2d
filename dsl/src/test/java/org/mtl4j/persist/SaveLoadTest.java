package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TrainingHistory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Saving and loading keep predictions, preprocessing and training state bit for bit. */
class SaveLoadTest {

    @TempDir
    Path folder;

    /** Numbers, a category, text; a 3-class task with gaps, a regression in large units. */
    static Table table(int rows, long seed) {
        Random random = new Random(seed);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn island = StringColumn.create("island");
        StringColumn note = StringColumn.create("note");
        StringColumn kind = StringColumn.create("kind");
        DoubleColumn mass = DoubleColumn.create("mass");
        List<String> islands = List.of("Biscoe", "Dream", "Torgersen");
        List<String> words = List.of("small", "large", "bird", "loud", "quiet");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            int place = random.nextInt(3);
            x1.append(a);
            x2.append(b);
            island.append(islands.get(place));
            note.append(words.get(random.nextInt(5)) + " " + words.get(random.nextInt(5)));
            kind.append(i % 5 == 0 ? "" : a > 0.5 ? "big" : a < -0.5 ? "small" : "mid");
            mass.append(4000 + 600 * a + 200 * place + 50 * random.nextGaussian());
        }
        return Table.create("birds", x1, x2, island, note, kind, mass);
    }

    static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("island"), text("note").vocabulary(4))
                .trunk(dense(16), relu(), dense(8), relu())
                .task("kind").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("mass").head(dense(1)).loss(mse()).metric(mae(), rmse())
                .build();
    }

    @Test
    void aLoadedModelPredictsAndEvaluatesBitForBitAsTheSavedOne() {
        Table data = table(300, 1);
        Path file = folder.resolve("birds.mtl4j");
        try (MultiTaskModel model = model()) {
            model.fit(data, epochs(4), validationSplit(0.2), quiet());
            SavedModel saved = model.save(file);
            assertThat(saved.path()).isEqualTo(file);
            assertThat(saved.bytes()).isEqualTo(sizeOf(file));
            assertThat(saved.toString()).startsWith("Saved model to " + file + " (")
                    .endsWith(" KiB, format 1, 4 epochs, 2 tasks)");
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                Table before = model.predict(data);
                Table after = loaded.predict(data);
                assertThat(after.stringColumn("kind").asList())
                        .isEqualTo(before.stringColumn("kind").asList());
                assertThat(after.doubleColumn("kind_probability").asDoubleArray())
                        .isEqualTo(before.doubleColumn("kind_probability").asDoubleArray());
                assertThat(after.doubleColumn("mass").asDoubleArray())
                        .isEqualTo(before.doubleColumn("mass").asDoubleArray());
                assertThat(loaded.evaluate(data).print()).isEqualTo(model.evaluate(data).print());
                assertSameLosses(loaded.history(), model.history());
                assertThat(loaded.history().toTable().print())
                        .isEqualTo(model.history().toTable().print());
                assertThat(loaded.spec()).isEqualTo(model.spec());
                assertThat(loaded.summary()).isEqualTo(model.summary());
            }
        }
    }

    @Test
    void fittingTenEpochsSavingLoadingAndFittingTenMoreEqualsTwentyInOneGo() {
        Table data = table(200, 2);
        Path file = folder.resolve("resume.mtl4j");
        TrainingHistory once;
        try (MultiTaskModel model = model()) {
            model.fit(data, epochs(20), batchSize(32), validationSplit(0.2), seed(7), quiet());
            once = model.history();
        }
        try (MultiTaskModel first = model()) {
            first.fit(data, epochs(10), batchSize(32), validationSplit(0.2), seed(7), quiet());
            first.save(file);
        }
        try (MultiTaskModel resumed = MultiTaskModel.load(file)) {
            resumed.fit(data, epochs(10), batchSize(32), validationSplit(0.2), seed(7), quiet());
            assertSameLosses(resumed.history(), once);
        }
    }

    @Test
    void sgdWithMomentumResumesExactly() {
        assertResumesExactly(sgd(0.05).momentum(0.9));
    }

    @Test
    void adamWResumesExactly() {
        // files saved with DJL's own Adam resume too: LegacyAdamFileTest
        assertResumesExactly(adamW(1e-2).weightDecay(0.05));
    }

    private void assertResumesExactly(org.mtl4j.train.OptimizerSpec optimizer) {
        Table data = table(120, 6);
        Path file = folder.resolve("optimizer.mtl4j");
        TrainingHistory once;
        try (MultiTaskModel model = model()) {
            model.fit(data, epochs(6), batchSize(32), optimizer, quiet());
            once = model.history();
        }
        try (MultiTaskModel first = model()) {
            first.fit(data, epochs(3), batchSize(32), optimizer, quiet());
            first.save(file);
        }
        try (MultiTaskModel resumed = MultiTaskModel.load(file)) {
            resumed.fit(data, epochs(3), batchSize(32), optimizer, quiet());
            assertSameLosses(resumed.history(), once);
        }
    }

    /** Every step's losses and weights and every epoch's figures, bit for bit. */
    static void assertSameLosses(TrainingHistory actual, TrainingHistory expected) {
        assertThat(actual.steps()).hasSameSizeAs(expected.steps());
        for (int s = 0; s < expected.steps().size(); s++) {
            StepRecord a = actual.steps().get(s);
            StepRecord e = expected.steps().get(s);
            assertThat(a.losses()).as("losses of step %d", e.step()).isEqualTo(e.losses());
            assertThat(a.weights()).as("weights of step %d", e.step()).isEqualTo(e.weights());
        }
        for (int e = 0; e < expected.epochs().size(); e++) {
            for (int t = 0; t < expected.tasks().size(); t++) {
                var a = actual.epochs().get(e).tasks().get(t);
                var x = expected.epochs().get(e).tasks().get(t);
                assertThat(Double.valueOf(a.trainLoss())).isEqualTo(Double.valueOf(x.trainLoss()));
                assertThat(Double.valueOf(a.validationLoss()))
                        .isEqualTo(Double.valueOf(x.validationLoss()));
                assertThat(Double.valueOf(a.weight())).isEqualTo(Double.valueOf(x.weight()));
                assertThat(a.metrics()).isEqualTo(x.metrics());
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
