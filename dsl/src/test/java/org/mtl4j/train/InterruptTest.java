package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;

class InterruptTest {

    @Test
    void interruptStopsBetweenStepsAndKeepsCompletedEpochs() {
        FitListener interruptAfterSecondEpoch = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                if (epoch.epoch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build()) {
            TrainingRun run = model.fit(SeedExample.table(200, 1, 1), epochs(10),
                    listener(interruptAfterSecondEpoch), quiet());

            assertThat(Thread.interrupted()).as("the interrupt flag is left for the caller")
                    .isTrue();
            assertThat(run.interrupted()).isTrue();
            assertThat(run.epochsRun()).isEqualTo(2);
            assertThat(model.history().epochs()).hasSize(2);
            assertThat(model.history().steps()).hasSize(2 * 4);

            // the model stays usable: a later fit continues the numbering
            TrainingRun more = model.fit(SeedExample.table(200, 1, 1), epochs(1), quiet());
            assertThat(more.history().lastEpoch().epoch()).isEqualTo(3);
            assertThat(more.history().steps()).hasSize(3 * 4);
        }
    }
}
