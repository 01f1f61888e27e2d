package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;

class NativeMemoryTest {

    @Test
    void liveArrayCountDoesNotGrowAfterEpochTwo() {
        // GIVEN a model with dropout, validation, metrics and gradient clipping (all paths)
        List<Integer> liveArrays = new ArrayList<>();
        FitListener counter = new FitListener() {
            @Override
            public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                try (NDManager probe = NDManager.newBaseManager()) {
                    // the engine's root manager owns every manager, so it sees every live array
                    liveArrays.add(probe.getParentManager().getManagedArrays().size());
                }
            }
        };
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(16), relu(), dropout(0.1))
                .task("task1").head(dense(1)).loss(mse()).metric(mae(), rmse())
                .task("task2").head(dense(1)).loss(huber())
                .build()) {
            // WHEN it trains 30 epochs
            model.fit(SeedExample.table(400, 2, 5), epochs(30), batchSize(32),
                    validationSplit(0.25), clipGradientNorm(1.0), listener(counter), quiet());
        }

        // THEN the number of live NDArrays after every epoch from the 2nd on is the same
        assertThat(liveArrays).hasSize(30);
        assertThat(liveArrays.get(1)).as("parameters and data are counted").isGreaterThan(8);
        assertThat(liveArrays.subList(1, 30)).allMatch(count -> count.equals(liveArrays.get(1)));
    }
}
