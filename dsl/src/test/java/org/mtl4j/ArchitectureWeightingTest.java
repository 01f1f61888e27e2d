package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.TaskCorrelationData;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.weighting.Weighting;

/** Gradient-based strategies take per-task gradients of the experts, gates and stitch units. */
class ArchitectureWeightingTest {

    @Test
    void gradientStrategiesTrainExpertsAndCrossStitch() {
        var table = TaskCorrelationData.create(0.5, 5, 1.0, 2, 0.1, 1).table(300, 2);
        for (Weighting weighting : List.of(gradNorm(1.5), pcgrad(), mgda())) {
            for (boolean experts : new boolean[] {true, false}) {
                var builder = multiTask().input(numeric("x1", "x2", "x3", "x4", "x5"));
                if (experts) {
                    builder.experts(3, dense(8), relu()).gates();
                } else {
                    builder.crossStitch(dense(8), relu());
                }
                try (var model = builder.task("y1").head(dense(1)).loss(mse())
                        .task("y2").head(dense(1)).loss(mse()).weighting(weighting).build()) {
                    List<EpochRecord> epochs = model.fit(table, epochs(6), adam(1e-2), quiet())
                            .history().epochs();

                    assertThat(epochs.get(5).task("y1").trainLoss())
                            .as("%s, experts=%s", weighting, experts)
                            .isLessThan(epochs.get(0).task("y1").trainLoss());
                }
            }
        }
    }
}
