package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The fused Adam follows DJL's per-parameter Adam step by step, also across fits. */
class FusedAdamTest {

    static List<OptimizerSpec> optimizers() {
        return List.of(adam(1e-2), adamW(1e-2).weightDecay(0.05));
    }

    /** y = x1 - x2 on every row; kind labelled on 1 row in 12, so many batches lack it. */
    private static Table table() {
        Random random = new Random(5);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn kind = StringColumn.create("kind");
        for (int i = 0; i < 240; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            y.append(a - b);
            kind.append(i % 12 == 0 ? (a > 0 ? "up" : "down") : "");
        }
        return Table.create("partial", x1, x2, y, kind);
    }

    private static double[] stepLosses(OptimizerSpec optimizer, boolean fused,
            FitOption... more) {
        String previous = System.getProperty("mtl4j.fusedAdam");
        System.setProperty("mtl4j.fusedAdam", Boolean.toString(fused));
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("kind").head(dense(2)).loss(crossEntropy())
                .build()) {
            model.fit(table(), epochs(2), batchSize(8), optimizer, seed(3), quiet());
            FitOption[] options = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    epochs(2), batchSize(8), optimizer, seed(4), quiet()),
                    java.util.Arrays.stream(more)).toArray(FitOption[]::new);
            TrainingHistory history = model.fit(table(), options).history();
            return history.steps().stream()
                    .flatMapToDouble(s -> java.util.Arrays.stream(s.losses()))
                    .map(loss -> Double.isNaN(loss) ? -1 : loss)
                    .toArray();
        } finally {
            if (previous == null) {
                System.clearProperty("mtl4j.fusedAdam");
            } else {
                System.setProperty("mtl4j.fusedAdam", previous);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void fusedStepsMatchDjlAdamWithSkippedHeadsAndAcrossFits(OptimizerSpec optimizer) {
        // GIVEN the same model, data and seeds, trained twice for 2 + 2 epochs of 30 steps
        // WHEN one uses DJL's per-parameter Adam and the other the fused one
        double[] reference = stepLosses(optimizer, false);
        double[] fused = stepLosses(optimizer, true);

        // THEN every step's losses agree to float rounding (and the runs are not trivial)
        assertThat(fused).hasSize(4 * 30 * 2);
        assertThat(reference).contains(-1.0);
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).as("loss %d", i)
                    .isCloseTo(reference[i], org.assertj.core.data.Offset.offset(
                            1e-5 + 1e-4 * Math.abs(reference[i])));
        }
        assertThat(fused[fused.length - 2]).isLessThan(0.5 * fused[0]);
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void scheduledFusedStepsMatchDjlAdamFollowingTheSameSchedule(OptimizerSpec optimizer) {
        // GIVEN a warm-up then cosine schedule over the second fit (rates change every step)
        // WHEN DJL's Adam (rate from its tracker) and the fused one (rate table) train
        double[] reference = stepLosses(optimizer, false, cosineDecay().warmupEpochs(1));
        double[] fused = stepLosses(optimizer, true, cosineDecay().warmupEpochs(1));

        // THEN they agree step by step, and differ from the same fit without the schedule
        double[] constant = stepLosses(optimizer, true);
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).as("loss %d", i)
                    .isCloseTo(reference[i], org.assertj.core.data.Offset.offset(
                            1e-5 + 1e-4 * Math.abs(reference[i])));
        }
        assertThat(fused[fused.length - 2]).isNotCloseTo(constant[constant.length - 2],
                org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aNewOptimizerSpecFreesThePreviousMoments() {
        // GIVEN a trained model
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .build()) {
            model.fit(table(), epochs(1), adam(1e-2), quiet());
            int before = liveArrays();

            // WHEN it is refitted with alternating optimizer specs
            for (int i = 0; i < 4; i++) {
                model.fit(table(), epochs(1), i % 2 == 0 ? adam(1e-3) : adamW(1e-3), quiet());
            }

            // THEN only the latest moments are kept
            assertThat(liveArrays()).isEqualTo(before);
        }
    }

    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }
}
