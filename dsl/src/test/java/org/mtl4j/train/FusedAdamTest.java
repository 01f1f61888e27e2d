package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.FusedAdamOptimizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The DSL's Adam is mtl4j's one Adam (see {@code engine.FusedAdamFormsTest} for its agreement with
 * DJL's and PyTorch's Adam step by step), and a new optimizer spec frees the previous moments.
 */
class FusedAdamTest {

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

    @Test
    void adamSpecsMakeMtl4jsAdamAndSgdStaysDjls() {
        // GIVEN the optimizer specs of the DSL, WHEN they make their optimizers
        // THEN Adam and AdamW are mtl4j's one Adam (DJL's form), SGD is DJL's
        assertThat(adam(1e-2).create()).isInstanceOfSatisfying(FusedAdamOptimizer.class,
                a -> assertThat(a.settings()).isEqualTo(FusedAdam.Settings.adam(1e-2f)));
        assertThat(adamW(1e-2).weightDecay(0.05).create())
                .isInstanceOfSatisfying(FusedAdamOptimizer.class, a -> assertThat(a.settings())
                        .isEqualTo(new FusedAdam.Settings(1e-2f, 0.05f, true,
                                FusedAdam.Form.DJL)));
        assertThat(sgd(0.1).momentum(0.9).create())
                .isInstanceOf(ai.djl.training.optimizer.Sgd.class);
    }

    @Test
    void anAdamFitTrainsOnSkippedHeadsAcrossTwoFits() {
        // GIVEN a task labelled on 1 row in 12 (many batches lack it), trained 2 + 2 epochs
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("kind").head(dense(2)).loss(crossEntropy())
                .build()) {
            model.fit(table(), epochs(2), batchSize(8), adam(1e-2), seed(3), quiet());
            TrainingHistory history = model.fit(table(), epochs(2), batchSize(8), adam(1e-2),
                    seed(4), quiet()).history();

            // THEN the regression's loss falls and the sparse task's steps record no loss
            double[] y = history.steps().stream().mapToDouble(s -> s.losses()[0]).toArray();
            assertThat(y).hasSize(4 * 30);
            assertThat(y[y.length - 1]).isLessThan(0.5 * y[0]);
            assertThat(history.steps().stream().anyMatch(s -> Double.isNaN(s.losses()[1])))
                    .isTrue();
        }
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
