package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import tech.tablesaw.api.Table;

class FitControlTest {

    private static final Table TABLE = SeedExample.table(200, 1, 1);

    private static MultiTaskModel model() {
        return multiTask().input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build();
    }

    @Test
    void aListenerStopsTheFitCleanlyAfterAnEpoch() {
        FitListener stopAtTwo = new FitListener() {
            private FitControl control;

            @Override
            public void fitStarted(FitInfo info) {
                control = info.control();
            }

            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                if (epoch.epoch() == 2) {
                    control.stopTraining("good enough");
                }
            }
        };
        try (MultiTaskModel model = model()) {
            TrainingRun run = model.fit(TABLE, epochs(10), listener(stopAtTwo), quiet());

            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(run.epochsRun()).isEqualTo(2);
            assertThat(run.interrupted()).isFalse();
            assertThat(run.stopReason().kind()).isEqualTo(StopReason.Kind.STOP_REQUESTED);
            assertThat(run.stopReason().toString())
                    .isEqualTo("stopped on request after epoch 2: good enough");
            assertThat(model.history().steps()).hasSize(2 * 4);
        }
    }

    /** Stops at step 3 of epoch 2, remembering the parameters after every step. */
    private static final class StopMidEpoch implements FitListener {
        private final MultiTaskModel model;
        private FitControl control;
        private List<double[]> last;

        StopMidEpoch(MultiTaskModel model) {
            this.model = model;
        }

        @Override
        public void fitStarted(FitInfo info) {
            control = info.control();
        }

        @Override
        public void stepEnded(StepProgress progress) {
            last = ModelParameters.of(model);
            if (progress.epoch() == 2 && progress.step() == 3) {
                control.stopTraining("enough steps");
            }
        }
    }

    @Test
    void aStopDuringAnEpochKeepsTheCompletedEpochsAndTheLastStepsParameters() {
        try (MultiTaskModel model = model()) {
            StopMidEpoch stop = new StopMidEpoch(model);

            TrainingRun run = model.fit(TABLE, epochs(10), listener(stop), quiet());

            assertThat(run.epochsRun()).isEqualTo(1);
            assertThat(run.stopReason().toString())
                    .isEqualTo("stopped on request after epoch 1: enough steps");
            assertThat(model.history().epochs()).hasSize(1);
            assertThat(ModelParameters.of(model)).usingRecursiveComparison().isEqualTo(stop.last);
        }
    }

    @Test
    void aStopNeedsAReason() {
        FitControl control = new FitInfo(List.of("a"), "cpu()", 1, 1, 1, 1, 1, 0).control();

        assertThatThrownBy(() -> control.stopTraining(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stopTraining() needs a reason. Received: \" \". Say why, e.g."
                        + " stopTraining(\"accuracy reached 0.95\").");
    }
}
