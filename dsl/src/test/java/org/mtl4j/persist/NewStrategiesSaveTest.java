package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.weighting.Weighting;

/** The strategies of issue 18, with settings other than their defaults, survive a save and load. */
class NewStrategiesSaveTest {

    @TempDir
    Path folder;

    static Stream<Weighting> strategies() {
        return Stream.of(famo(0.05, 0.001), upgrad(), alignedMtl("median"),
                alignedMtl("rmse").onTrunkOutput(), dbMtl(0.8, 0.5), gradVac(0.2), stch(0.5, 2),
                fairGrad(2.0), gls());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aSavedModelKeepsItsStrategyAndSettings(Weighting weighting) {
        Path file = folder.resolve("model.mtl4j");
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(4), relu())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(huber())
                .weighting(weighting)
                .build()) {
            model.fit(SaveLoadTest.table(40, 3), epochs(1), batchSize(16), quiet());
            model.save(file);
        }
        try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
            assertThat(loaded.spec().weighting()).isEqualTo(weighting);
            assertThat(loaded.spec().weighting()).hasToString(weighting.toString());
        }
    }
}
