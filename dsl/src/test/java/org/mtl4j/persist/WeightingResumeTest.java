package org.mtl4j.persist;

import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * Adaptive weightings keep their state with the model: learnt log-variances and their optimizer
 * (uncertainty), learnt weights (GradNorm), loss history (DWA) and random positions (RLW,
 * PCGrad, GradVac), FAMO's logits with their Adam and last losses, STCH's epoch and nadir, and
 * DB-MTL's gradient buffers survive a save and load, so a resumed fit equals an unbroken one
 * bit for bit.
 */
class WeightingResumeTest {

    @TempDir
    Path folder;

    static Stream<Weighting> strategies() {
        return Stream.of(uncertainty(), gradNorm(1.5), dwa(), rlw(), pcgrad(), famo(),
                gradVac(0.5), stch(1.0, 1), dbMtl(), imtlL(), nashMtl().updateEvery(3),
                mgda().normalize("loss+"), imtl().withLossScales());
    }

    private static MultiTaskModel model(Weighting weighting) {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(8), relu())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(huber())
                .weighting(weighting)
                .build();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void threeEpochsSavedLoadedAndThreeMoreEqualSixInOneGo(Weighting weighting) {
        Table data = SaveLoadTest.table(120, 4);
        TrainingHistory once;
        try (MultiTaskModel model = model(weighting)) {
            model.fit(data, epochs(6), batchSize(16), quiet());
            once = model.history();
        }
        Path file = folder.resolve("weighted.mtl4j");
        try (MultiTaskModel first = model(weighting)) {
            first.fit(data, epochs(3), batchSize(16), quiet());
            first.save(file);
        }
        try (MultiTaskModel resumed = MultiTaskModel.load(file)) {
            resumed.fit(data, epochs(3), batchSize(16), quiet());
            SaveLoadTest.assertSameLosses(resumed.history(), once);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void twoFitsInARowEqualOneLongFit(Weighting weighting) {
        Table data = SaveLoadTest.table(120, 5);
        TrainingHistory once;
        try (MultiTaskModel model = model(weighting)) {
            model.fit(data, epochs(4), batchSize(16), quiet());
            once = model.history();
        }
        try (MultiTaskModel model = model(weighting)) {
            model.fit(data, epochs(2), batchSize(16), quiet());
            model.fit(data, epochs(2), batchSize(16), quiet());
            SaveLoadTest.assertSameLosses(model.history(), once);
        }
    }
}
