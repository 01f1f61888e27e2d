package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness end to end in a tiny configuration, without the PyTorch side (that one is
 * {@link TorchRunnerTest}, outside the default build): the tables' ratios must follow from their
 * own figures, and a fit must leave no NDArray behind.
 */
class BenchmarkTest {

    private static final String DJL = "hand-written DJL loop";
    private static BenchOutput output;

    @BeforeAll
    static void runTheWholeBenchmarkSmall() throws Exception {
        // 256 rows, one repetition of one epoch, no PyTorch
        output = BenchOutput.run("--reps", "1", "--epochs", "1", "--rows", "256", "--tasks",
                "1,4", "--memory-epochs", "6", "--runners", "mtl4j,unchecked,bare,djl");
    }

    @Test
    void speedRatiosAreTheRunnersFiguresOverTheDjlLoops() {
        for (Workload workload : List.of(Workload.SMALL, Workload.COMPUTE)) {
            List<String[]> rows = output.rows("Training speed", workload.name());
            assertThat(rows).extracting(cells -> cells[1]).containsExactly("mtl4j fit()",
                    "mtl4j fit(), no divergence check", "mtl4j fit(), no metrics", DJL);
            String[] djl = output.speedRow(workload.name(), DJL);
            assertThat(djl[7]).isEqualTo("1.00×, 1.00×");
            for (String[] cells : rows) {
                // no PyTorch runner: no PyTorch ratio
                assertThat(cells[6]).isEqualTo("–");
                String[] ratios = cells[7].replace("×", "").split(", ");
                assertRatio(ratios[0], cells[2], djl[2]);
                assertRatio(ratios[1], cells[4], djl[4]);
            }
        }
    }

    @Test
    void theWideModelsShareOfTheSgemmPeakIsItsFlopRateOverThePeak() {
        var line = java.util.regex.Pattern.compile("wide 32-1024-1024: 825 MFLOP per step; sgemm"
                + " peak \\(DJL matMul 2048×2048 float32, 1 thread\\(s\\)\\) ([0-9]+) GFLOP/s"
                + " \\(median [0-9]+\\); fit\\(\\) ([0-9.]+) GFLOP/s = ([0-9]+)% of the peak")
                .matcher(output.section("Training speed"));
        assertThat(line.find()).as("the utilisation line").isTrue();
        double peak = Double.parseDouble(line.group(1));
        double fit = Double.parseDouble(line.group(2));
        assertThat(Double.parseDouble(line.group(3))).isCloseTo(100 * fit / peak, within(1.0));
        String[] wide = output.speedRow(Workload.COMPUTE.name(), "mtl4j fit()");
        assertThat(fit).isCloseTo(Double.parseDouble(wide[2]) * 0.8252, within(0.45 + fit * 0.01));
    }

    @Test
    void eachJavaRunnersJitShareIsAPercentageOfItsProcessCpu() {
        for (Workload workload : List.of(Workload.SMALL, Workload.COMPUTE)) {
            var line = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                    workload.name()) + ": JIT compiler threads' share of the process CPU over the"
                    + " timed repetitions: fit\\(\\) ([0-9]+%|–), fit\\(\\) without the"
                    + " divergence check ([0-9]+%|–), fit\\(\\) without metrics ([0-9]+%|–), the"
                    + " DJL loop ([0-9]+%|–)\\.").matcher(output.section("Training speed"));
            assertThat(line.find()).as("the JIT line of " + workload.name()).isTrue();
            for (int g = 1; g <= 4; g++) {
                // '–': repetitions too short for the process CPU clock to move, or whose process
                // figure lost an ended thread's time (tiny runs only)
                if (!line.group(g).equals("–")) {
                    assertThat(Integer.parseInt(line.group(g).replace("%", "")))
                            .isBetween(0, 100);
                }
            }
        }
    }

    @Test
    void eachJavaRunnersAllocationPerStepIsReported() {
        for (Workload workload : List.of(Workload.SMALL, Workload.COMPUTE)) {
            var line = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                    workload.name()) + ": Java heap allocated per step by the training thread"
                    + " over the timed repetitions: fit\\(\\) ([0-9.]+) KB, fit\\(\\) without"
                    + " the divergence check ([0-9.]+) KB, fit\\(\\) without metrics ([0-9.]+)"
                    + " KB, the DJL loop ([0-9.]+) KB\\.").matcher(output.section("Training speed"));
            assertThat(line.find()).as("the allocation line of " + workload.name()).isTrue();
            for (int g = 1; g <= 4; g++) {
                // every runner allocates its step's NDArray objects on the Java heap
                assertThat(Double.parseDouble(line.group(g))).isPositive();
            }
        }
    }

    @Test
    void fitsPerRepetitionRatiosAreReported() {
        for (Workload workload : List.of(Workload.SMALL, Workload.COMPUTE)) {
            String ratio = "([0-9.]+× \\([0-9.]+–[0-9.]+×\\)|–)";
            var line = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                    workload.name()) + ": per-repetition ratios \\(each repetition over the other"
                    + " runner's in the same round; median, lower and upper quartile; wall, then per"
                    + " process-CPU second\\): fit\\(\\) over the DJL loop " + ratio + ", " + ratio
                    + "; fit\\(\\) over fit\\(\\) without metrics " + ratio + ", " + ratio + "\\.")
                    .matcher(output.section("Training speed"));
            assertThat(line.find()).as("the paired line of " + workload.name()).isTrue();
            for (int g = 1; g <= 4; g++) {
                // '–': a repetition too short for the process CPU clock (tiny runs only); else,
                // with one repetition, the median and both quartiles are its one ratio
                if (!line.group(g).equals("–")) {
                    String[] figures = line.group(g).replaceAll("[×()]", "").split("[ –]");
                    assertThat(figures).hasSize(3);
                    assertThat(figures[0]).isEqualTo(figures[1]).isEqualTo(figures[2]);
                }
            }
        }
    }

    @Test
    void theFirstFitsEpochsAreTimedBeforeAnythingElseTrains() {
        assertThat(output.section("Training speed")).containsPattern("First fit in a fresh JVM"
                + " \\(small 32-64-64, 60 epochs of 2 steps, [0-9.]+ s, [0-9.]+ s of process CPU\\):"
                + " steps/s \\(wall, per process-CPU second\\) epoch 1 [0-9]+, ([0-9]+|–),"
                + " epoch 10 [0-9]+, ([0-9]+|–), epoch 60 [0-9]+, ([0-9]+|–)\\.");
    }

    @Test
    void scalingIsRelativeToOneTask() {
        String[] one = output.rows("Scaling", "1").get(0);
        String[] four = output.rows("Scaling", "4").get(0);

        assertThat(one[2]).isEqualTo("1.00×");
        assertRatio(four[2].replace("×", ""), four[1], one[1]);
    }

    @Test
    void aLongFitLeavesNoNdArrayBehind() {
        assertThat(output.section("Memory")).containsPattern(
                "Growth from epoch 5 to 6: RSS [+-][0-9.]+ % \\(limit 5 %\\), live NDArrays \\+0\\.");
    }

    @Test
    void everyWeightingStrategyHasARow() {
        for (var weighting : WeightingBench.STRATEGIES) {
            assertThat(output.rows("Task weighting", weighting.toString())).hasSize(1);
        }
    }

    /**
     * {@code ratio} (2 decimals) is {@code figure / reference}, both printed rounded: equal
     * within what the rounding allows.
     */
    private static void assertRatio(String ratio, String figure, String reference) {
        double a = Double.parseDouble(figure);
        double b = Double.parseDouble(reference);
        int decimals = figure.contains(".") ? figure.length() - figure.indexOf('.') - 1 : 0;
        double rounding = 0.5 * Math.pow(10, -decimals);
        double expected = a / b;
        double slack = 0.005 + expected * (rounding / a + rounding / b);
        assertThat(Double.parseDouble(ratio)).as(ratio + " = " + figure + " / " + reference)
                .isCloseTo(expected, within(slack));
    }
}
