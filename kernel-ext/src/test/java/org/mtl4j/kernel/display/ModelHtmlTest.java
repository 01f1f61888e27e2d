package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;

class ModelHtmlTest {

    @Test
    void anMmoeModelShowsItsArchitectureAndTheParametersOfExpertsAndGates() {
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .experts(3, dense(4), relu()).gates()
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .build()) {
            String untrained = ModelHtml.of(model);
            model.fit(SeedExample.table(60, 2, 1), epochs(1), quiet());

            String html = ModelHtml.of(model);

            assertThat(untrained).contains("<td>MMoE</td>",
                    "<td>experts(3, dense(4), relu()).gates()</td>");
            int shared = 3 * (2 * 4 + 4) + 2 * (2 * 3 + 3);
            assertThat(html).contains("<td>MMoE</td>", "<td>" + shared + "</td>",
                    "<td>task task2</td>", (shared + 2 * 5) + " parameters on cpu()");
        }
    }

    @Test
    void theInitializersShowAsWritten() {
        try (MultiTaskModel model = multiTask().initializer(pytorchDefault())
                .input(numeric("x1", "x2"))
                .trunk(dense(4).init(xavierUniform()), relu())
                .task("task1").head(dense(1)).loss(mse())
                .build()) {
            assertThat(ModelHtml.of(model)).contains("weighting: equal() · initializer:"
                    + " pytorchDefault()", "dense(4).init(xavierUniform())");
        }
    }
}
