package org.mtl4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.TaskCorrelationData;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.experiments.TaskCorrelationExperiment.Architecture;
import org.mtl4j.experiments.TaskCorrelationExperiment.Settings;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The MMoE reproduction scaled down (4 000 training rows, 15 epochs, one seed, ρ = 0.5): both
 * models must halve the error of predicting the mean, and MMoE's gates must be distributions. The
 * full run is {@code experiments/run.sh MmoeReproduction}; its numbers are in the README.
 */
class TaskCorrelationExperimentTest {

    private static final Settings SMALL = Settings.paper().withRows(4_000, 1_000, 15);

    private static double labelVariance(Table test) {
        return (variance(test.doubleColumn("y1")) + variance(test.doubleColumn("y2"))) / 2;
    }

    private static double variance(DoubleColumn column) {
        return column.variance();
    }

    @Test
    void mmoeFitsTheCorrelatedTasksAndItsGatesAreDistributions() {
        TaskCorrelationData data = TaskCorrelationExperiment.data(0.5, 1, SMALL);
        Table test = TaskCorrelationExperiment.test(data, 1, SMALL);
        try (MultiTaskModel model = TaskCorrelationExperiment.model(Architecture.MMOE, 100)) {
            TaskCorrelationExperiment.fit(model, TaskCorrelationExperiment.train(data, 1, SMALL),
                    1, SMALL);

            double mse = TaskCorrelationExperiment.meanMse(model, test);
            Table gates = model.gateWeights(test);

            assertThat(mse).isLessThan(0.5 * labelVariance(test));
            // 8 experts Linear(100, 16) and 2 gates Linear(100, 8), as in the paper
            assertThat(MultiTaskBlock.parameterCount(model.parts().orElseThrow().block()
                    .sharing())).isEqualTo(8 * (100 * 16 + 16) + 2 * (100 * 8 + 8));
            assertThat(gates.rowCount()).isEqualTo(16);
            for (String task : new String[] {"y1", "y2"}) {
                assertThat(gates.where(gates.stringColumn("task").isEqualTo(task))
                        .doubleColumn("weight").sum()).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void sharedBottomFitsToo() {
        double mse = TaskCorrelationExperiment.testMse(Architecture.SHARED_BOTTOM, 0.5, 1, SMALL);
        Table test = TaskCorrelationExperiment.test(
                TaskCorrelationExperiment.data(0.5, 1, SMALL), 1, SMALL);

        assertThat(mse).isLessThan(0.5 * labelVariance(test));
    }
}
