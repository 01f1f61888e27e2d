package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

class SeedExampleTrainingTest {

    private static final List<String> TASKS = List.of("task1", "task2", "task3", "task4", "task5");

    private static MultiTaskModel seedModel() {
        return multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(20), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae())
                .task("task2").head(dense(1)).loss(mse()).metric(mae())
                .task("task3").head(dense(1)).loss(mse()).metric(mae())
                .task("task4").head(dense(1)).loss(mse()).metric(mae())
                .task("task5").head(dense(1)).loss(mse()).metric(mae())
                .build();
    }

    @Test
    void everyTaskLossFalls() {
        // GIVEN the seed example's data and its 10 -> 20 trunk with five regression heads
        Table data = SeedExample.table(1000, 5, 42);
        try (MultiTaskModel model = seedModel()) {
            // WHEN it trains
            TrainingRun run = model.fit(data, epochs(15), adam(1e-2), validationSplit(0.2),
                    quiet());

            // THEN every task's validation loss ends well below where it started
            TrainingHistory history = run.history();
            assertThat(history.epochs()).hasSize(15);
            assertThat(history.tasks()).isEqualTo(TASKS);
            for (String task : TASKS) {
                double first = history.epochs().get(0).task(task).validationLoss();
                double last = history.lastEpoch().task(task).validationLoss();
                assertThat(last).as(task).isLessThan(0.5 * first);
            }
            assertThat(history.steps()).hasSize(15 * 13);
        }
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        Table data = SeedExample.table(300, 5, 1);
        double[] first = stepLosses(data, 7);
        double[] again = stepLosses(data, 7);
        double[] other = stepLosses(data, 8);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static double[] stepLosses(Table data, long seed) {
        try (MultiTaskModel model = seedModel()) {
            TrainingHistory history = model.fit(data, epochs(3), dropoutFree(), seed(seed),
                    validationSplit(0.2), quiet()).history();
            return history.steps().stream()
                    .flatMapToDouble(s -> java.util.Arrays.stream(s.losses()))
                    .toArray();
        }
    }

    private static org.mtl4j.train.FitOption dropoutFree() {
        return batchSize(32);
    }
}
