package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.GradNormToy;
import org.mtl4j.datasets.TaskCorrelationData;
import org.mtl4j.experiments.TaskCorrelationExperiment.Architecture;
import org.mtl4j.experiments.TaskCorrelationExperiment.Settings;
import tech.tablesaw.api.Table;

/**
 * The committed reference figures: written by the scripts for the reports' settings, on the rows
 * mtl4j's generators draw (the scripts redraw java.util.Random's sequence in Python; a change to a
 * generator without regenerating the figures fails here). No PyTorch or libtorch needed.
 */
@Tag("unit")
class ReferenceFiguresTest {

    @Test
    void gradNormToyReferenceRanTheReportsStrategiesOnMtl4jsRows() {
        ReferenceFigures reference = ReferenceFigures.load("gradnorm-toy");

        assertThat(reference.torch()).isNotBlank();
        assertThat(reference.results()).containsOnlyKeys(GradNormToyReport.STRATEGIES);
        assertThat(reference.number("steps")).isEqualTo(10_000);
        assertThat(reference.result("equal()").runs()).hasSize((int) reference.number("seeds"));
        int seed = (int) reference.dataCheck().get("seed").doubleValue();
        GradNormToy toy = GradNormToy.create(new double[] {1, 100}, seed);
        Table train = toy.table(GradNormToyExperiment.TRAIN_ROWS, 1000 + seed);
        Table test = toy.table(GradNormToyExperiment.TEST_ROWS, 2000 + seed);
        assertThat(train.doubleColumn("x1").get(0))
                .isCloseTo(reference.dataCheck().get("train_x1_row0"), within(1e-12));
        assertThat(train.doubleColumn("t1_y1").get(0))
                .isCloseTo(reference.dataCheck().get("train_t1_y1_row0"), within(1e-9));
        assertThat(train.doubleColumn("t2_y100").get(train.rowCount() - 1))
                .isCloseTo(reference.dataCheck().get("train_t2_y100_row9999"), within(1e-7));
        assertThat(sum(test, "t1_y", 100))
                .isCloseTo(reference.dataCheck().get("test_t1_sum"), within(1e-6));
    }

    @Test
    void mmoeReferenceRanThePapersSettingOnMtl4jsRows() {
        ReferenceFigures reference = ReferenceFigures.load("mmoe-synthetic");

        assertThat(reference.torch()).isNotBlank();
        assertThat(MmoeReproduction.sameSettings(reference, Settings.paper(), 10)).isTrue();
        assertThat(reference.results()).containsOnlyKeys("shared-bottom 1.0",
                "shared-bottom 0.5", "shared-bottom 0.9", "MMoE 1.0", "MMoE 0.5", "MMoE 0.9");
        assertThat(reference.result("MMoE 0.5").runs()).hasSize(10);
        assertThat(reference.result("MMoE 0.9").runs()).hasSize(10);
        int seed = (int) reference.dataCheck().get("seed").doubleValue();
        double rho = reference.dataCheck().get("rho");
        TaskCorrelationData data = TaskCorrelationExperiment.data(rho, seed, Settings.paper());
        Table train = TaskCorrelationExperiment.train(data, seed, Settings.paper());
        Table test = TaskCorrelationExperiment.test(data, seed, Settings.paper());
        assertThat(train.doubleColumn("x1").get(0))
                .isCloseTo(reference.dataCheck().get("train_x1_row0"), within(1e-12));
        assertThat(train.doubleColumn("y2").get(train.rowCount() - 1))
                .isCloseTo(reference.dataCheck().get("train_y2_row9999"), within(1e-9));
        assertThat(test.doubleColumn("y1").sum())
                .isCloseTo(reference.dataCheck().get("test_y1_sum"), within(1e-6));
        assertThat(Architecture.values()).extracting(Architecture::label)
                .containsExactly("shared-bottom", "MMoE");
    }

    @Test
    void unknownKeysAndFilesAreNamed() {
        ReferenceFigures reference = ReferenceFigures.load("gradnorm-toy");

        assertThatThrownBy(() -> reference.result("pcgrad()"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No reference figures for 'pcgrad()' in"
                        + " experiments/reference/gradnorm_toy.py's output. Received:"
                        + " keys=[equal(), gradNorm(0.12), uncertainty(-0.5)]. Use one of them,"
                        + " or add it to the script and regenerate.");
        assertThatThrownBy(() -> ReferenceFigures.load("nash"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No reference figures 'nash' on the class path. Received:"
                        + " /org/mtl4j/experiments/reference/nash.json is missing. Regenerate them"
                        + " with experiments/reference/run.sh nash and rebuild.");
    }

    private static double sum(Table table, String prefix, int columns) {
        double sum = 0;
        for (int c = 1; c <= columns; c++) {
            sum += table.doubleColumn(prefix + c).sum();
        }
        return sum;
    }
}
