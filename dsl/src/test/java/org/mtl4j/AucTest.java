package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code auc()} on real fits: the AUC that {@code evaluate} reports is the share of (positive,
 * negative) pairs of test rows that {@code predict}'s probabilities rank right, counted pair by
 * pair here, for a binary head and for a two-class softmax head.
 */
class AucTest {

    /** x standard normal; "yes" when x plus noise of the same size is above 0 (AUC about 0.85). */
    private static Table clicks(int rows, long seed) {
        Random random = new Random(seed);
        DoubleColumn x = DoubleColumn.create("x");
        StringColumn click = StringColumn.create("click");
        for (int i = 0; i < rows; i++) {
            double value = random.nextGaussian();
            x.append(value);
            click.append(value + random.nextGaussian() > 0 ? "yes" : "no");
        }
        return Table.create("clicks", x, click);
    }

    @Test
    void evaluatesAucAsThePairsThatPredictedProbabilitiesRankRight() {
        Table train = clicks(600, 1);
        Table test = clicks(300, 2);
        try (MultiTaskModel model = multiTask().input(numeric("x")).trunk(dense(8), relu())
                .task("binary").label("click").head(dense(1)).loss(binaryCrossEntropy())
                .metric(auc(), accuracy())
                .task("softmax").label("click").head(dense(2)).loss(crossEntropy())
                .metric(auc())
                .build()) {
            var run = model.fit(train, epochs(15), adam(1e-2), validationSplit(0.2), seed(3),
                    quiet());
            assertThat(run.history().lastEpoch().task("binary").metrics().get("auc"))
                    .isBetween(0.75, 0.95);

            Table evaluation = model.evaluate(test);
            String[] labels = test.stringColumn("click").asObjectArray();
            Table predictions = model.predict(test.copy().removeColumns("click"));
            double binary = pairsRankedRight(labels,
                    predictions.doubleColumn("binary_probability_yes").asDoubleArray());
            assertThat(evaluation.where(evaluation.stringColumn("task").isEqualTo("binary"))
                    .doubleColumn("auc").get(0)).isCloseTo(binary, within(1e-6));
            assertThat(binary).isBetween(0.75, 0.95);
            // the softmax head's predict() gives the predicted class's probability: P(yes) is
            // that probability for a "yes" row and 1 − it for a "no" row
            double[] softmaxYes = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                double p = predictions.doubleColumn("softmax_probability").get(i);
                softmaxYes[i] = predictions.stringColumn("softmax").get(i).equals("yes") ? p
                        : 1 - p;
            }
            assertThat(evaluation.where(evaluation.stringColumn("task").isEqualTo("softmax"))
                    .doubleColumn("auc").get(0))
                    .isCloseTo(pairsRankedRight(labels, softmaxYes), within(1e-6));
        }
    }

    @Test
    void aModelWithAucSavesAndLoads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        Table test = clicks(200, 5);
        try (MultiTaskModel model = multiTask().input(numeric("x")).trunk(dense(4), relu())
                .task("click").head(dense(1)).loss(binaryCrossEntropy()).metric(auc())
                .build()) {
            model.fit(clicks(300, 4), epochs(3), seed(1), quiet());
            model.save(folder.resolve("clicks.mtl4j"));
            try (MultiTaskModel loaded = MultiTaskModel.load(folder.resolve("clicks.mtl4j"))) {
                assertThat(loaded.spec().tasks().get(0).metrics()).containsExactly(auc());
                assertThat(loaded.evaluate(test).doubleColumn("auc").get(0))
                        .isEqualTo(model.evaluate(test).doubleColumn("auc").get(0));
            }
        }
    }

    /** Pairs (a "yes" row, a "no" row) where the "yes" row scores higher; ties count half. */
    private static double pairsRankedRight(String[] labels, double[] yes) {
        double right = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels.length; j++) {
                if (labels[i].equals("yes") && labels[j].equals("no")) {
                    pairs++;
                    right += yes[i] > yes[j] ? 1 : yes[i] == yes[j] ? 0.5 : 0;
                }
            }
        }
        return right / pairs;
    }
}
