package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

class HeldOutTest {

    @Test
    void theHeldOutRowsGiveTheFitsValidationLoss() {
        Table data = SeedExample.table(400, 2, 7);
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse()).build()) {
            TrainingRun run = model.fit(data, epochs(3), validationSplit(0.25), seed(11),
                    quiet());

            Table heldOut = heldOut(data, 0.25, 11);

            assertThat(heldOut.rowCount()).isEqualTo(100);
            Table evaluated = model.evaluate(heldOut);
            double last = run.history().lastEpoch().task("task1").validationLoss();
            assertThat(evaluated.doubleColumn("loss").get(0)).isCloseTo(last,
                    org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Table data = SeedExample.table(10, 2, 7);
        assertThatThrownBy(() -> heldOut(data, 0, 1)).hasMessage("heldOut needs the fit's"
                + " validationSplit, in (0, 1). Received: 0.0. Pass the fraction and seed the fit"
                + " used, e.g. heldOut(table, 0.2, 42).");
        assertThatThrownBy(() -> heldOut(data.emptyCopy(), 0.2, 1)).hasMessage("heldOut needs a"
                + " table with rows. Received: '" + data.name() + "' with 0 rows. Pass the table"
                + " the fit trained on.");
    }
}
