package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import tech.tablesaw.api.Table;

class CheckpointTest {

    private static final Table TABLE = SeedExample.table(200, 1, 1);

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build();
    }

    /** Parameters at the end of every epoch. */
    private static FitListener snapshots(MultiTaskModel model,
            Map<Integer, List<double[]>> into) {
        return new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                into.put(epoch.epoch(), ModelParameters.of(model));
            }
        };
    }

    @Test
    void everyNEpochsKeepsAFileThatResumesLikeTheUnbrokenFit(@TempDir Path folder)
            throws Exception {
        Map<Integer, List<double[]>> parameters = new TreeMap<>();
        try (MultiTaskModel model = model()) {
            TrainingRun run = model.fit(TABLE, epochs(6), seed(5),
                    checkpoint(folder).every(3), listener(snapshots(model, parameters)),
                    quiet());

            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly("epoch-0003.mtl4j", "epoch-0006.mtl4j", "last.mtl4j");
            }
            try (MultiTaskModel third = MultiTaskModel.load(folder.resolve("epoch-0003.mtl4j"))) {
                assertThat(third.history().epochs()).hasSize(3);
                assertThat(ModelParameters.of(third)).usingRecursiveComparison()
                        .isEqualTo(parameters.get(3));

                // resuming from epoch 3 gives the unbroken fit's epochs 4 to 6
                TrainingRun resumed = third.fit(TABLE, epochs(3), seed(5), quiet());
                assertThat(resumed.history().steps()).usingRecursiveComparison()
                        .isEqualTo(run.history().steps());
            }
            try (MultiTaskModel last = MultiTaskModel.load(folder.resolve("last.mtl4j"))) {
                assertThat(ModelParameters.of(last)).usingRecursiveComparison()
                        .isEqualTo(parameters.get(6));
            }
        }
    }

    @Test
    void bestKeepsTheEpochWithTheBestMonitoredValue(@TempDir Path folder) {
        Map<Integer, List<double[]>> parameters = new TreeMap<>();
        try (MultiTaskModel model = LearningRateScheduleTest.noiseModel()) {
            TrainingRun run = model.fit(LearningRateScheduleTest.noise(), epochs(12),
                    adam(3e-2), batchSize(16), validationSplit(0.5),
                    checkpoint(folder).best(validationLoss("y")),
                    listener(snapshots(model, parameters)), quiet());

            List<Double> losses = run.history().epochs().stream()
                    .map(e -> e.task("y").validationLoss()).toList();
            int best = losses.indexOf(losses.stream().min(Double::compare).orElseThrow()) + 1;
            assertThat(best).as("the noise makes a later epoch worse").isLessThan(12);
            try (MultiTaskModel kept = MultiTaskModel.load(folder.resolve("best.mtl4j"))) {
                assertThat(kept.history().lastEpoch().epoch()).isEqualTo(best);
                assertThat(ModelParameters.of(kept)).usingRecursiveComparison()
                        .isEqualTo(parameters.get(best));
            }
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsNamedBeforeTraining(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("taken"), "a file, not a folder");
        try (MultiTaskModel model = model()) {
            assertThatThrownBy(() -> model.fit(TABLE, epochs(1), checkpoint(file), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("checkpoint() cannot use the folder '" + file
                            + "': ")
                    .hasMessageEndingWith(". Give a folder that can be created and written,"
                            + " e.g. checkpoint(Path.of(\"checkpoints\")).");
            assertThat(model.parts()).isEmpty();
            assertThatThrownBy(() -> model.fit(TABLE, epochs(1),
                    checkpoint(folder).best(validationLoss()), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("checkpoint(...).best monitors the weighted total validation"
                            + " loss, but this fit has no validation split. Add"
                            + " validationSplit(0.2) to fit(), or monitor the training loss with"
                            + " trainingLoss().");
        }
    }
}
