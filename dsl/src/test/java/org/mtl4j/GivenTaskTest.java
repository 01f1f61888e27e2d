package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.datasets.ImpressionLog;
import org.mtl4j.spec.metrics.Auc;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * {@code .given("click")}: a conversion task that follows a click (ESMM) predicts the joint
 * outcome, never more likely than the click, learns over every impression, and trains the click
 * head through its own loss.
 */
class GivenTaskTest {

    @TempDir
    Path folder;

    private static final ImpressionLog LOG = ImpressionLog.create(100, 50, 0.5, 7);

    private static MultiTaskModel model(Weighting weighting) {
        return multiTask()
                .input(categorical("user_id").embedding(8), categorical("item_id").embedding(8),
                        categorical("device"), numeric("price"))
                .trunk(dense(16), relu())
                .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())
                .task("conversion").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())
                .given("click")
                .weighting(weighting)
                .build();
    }

    @Test
    void aConversionIsNeverMoreLikelyThanTheClickItFollowsAndSavesAndLoads() {
        Table test = LOG.table(3_000, 2);
        try (MultiTaskModel model = model(equal())) {
            var run = model.fit(LOG.table(30_000, 1), epochs(6), batchSize(512), adam(1e-2),
                    seed(1), quiet());
            assertThat(run.history().lastEpoch().task("conversion").metrics().get("auc"))
                    .isGreaterThan(0.6);
            Table predictions = model.predict(test);
            double[] click = predictions.doubleColumn("click_probability_yes").asDoubleArray();
            double[] conversion = predictions.doubleColumn("conversion_probability_yes")
                    .asDoubleArray();
            for (int i = 0; i < click.length; i++) {
                assertThat(conversion[i]).as("row %d", i).isLessThanOrEqualTo(click[i] + 1e-6);
            }
            // AND both funnel tasks rank the held-out impressions well above chance (AUC 0.5)
            double clickAuc = Auc.of(click, outcomes(test, "click"));
            double conversionAuc = Auc.of(conversion, outcomes(test, "conversion"));
            System.out.printf("ESMM, 30 000 rows, 6 epochs: test AUC click %.3f, conversion %.3f%n",
                    clickAuc, conversionAuc);
            assertThat(clickAuc).isGreaterThan(0.6);
            assertThat(conversionAuc).isGreaterThan(0.6);
            assertThat(model.spec().tasks().get(1).given()).isEqualTo("click");

            Path file = folder.resolve("esmm.mtl4j");
            model.save(file);
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                assertThat(loaded.spec().tasks().get(1).given()).isEqualTo("click");
                assertThat(loaded.predict(test).doubleColumn("conversion_probability_yes")
                        .asDoubleArray()).containsExactly(conversion);
            }
        }
    }

    @Test
    void theClickHeadLearnsFromTheConversionLossAlone() {
        // the click's own loss weighted 0: its head still moves, through the joint probability
        try (MultiTaskModel model = model(weights(Map.of("click", 0.0, "conversion", 1.0)))) {
            model.fit(LOG.table(2_000, 3), epochs(1), batchSize(256), seed(1), quiet());
            List<double[]> before = ModelParameters.of(model);
            model.fit(LOG.table(2_000, 4), epochs(2), batchSize(256), seed(1), quiet());
            List<double[]> after = ModelParameters.of(model);
            int clickHead = before.size() - 4;   // click's weight and bias, then conversion's
            assertThat(after.get(clickHead)).isNotEqualTo(before.get(clickHead));
        }
    }

    @Test
    void aGivenTaskMustBeAnEarlierBinaryTask() {
        assertThatThrownBy(() -> multiTask().input(numeric("price"))
                .task("conversion").head(dense(1)).loss(binaryCrossEntropy()).given("click")
                .task("click").head(dense(1)).loss(binaryCrossEntropy())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'conversion' is given 'click', which is not a task declared"
                        + " before it. Received: tasks=[conversion, click]. Declare 'click'"
                        + " first, e.g. .task(\"click\").head(dense(1))"
                        + ".loss(binaryCrossEntropy()), then .task(\"conversion\")"
                        + "...given(\"click\").");
        assertThatThrownBy(() -> multiTask().input(numeric("price"))
                .task("click").head(dense(2)).loss(crossEntropy())
                .task("conversion").head(dense(1)).loss(binaryCrossEntropy()).given("click")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'conversion' is given 'click', which needs both tasks binary."
                        + " Received: task 'click' with crossEntropy() and head [dense(2)]. Use"
                        + " .loss(binaryCrossEntropy()) and a head ending in dense(1) for both.");
    }

    private static double[] outcomes(Table table, String task) {
        return table.stringColumn(task).asList().stream().mapToDouble(v -> v.equals("yes") ? 1 : 0)
                .toArray();
    }
}
