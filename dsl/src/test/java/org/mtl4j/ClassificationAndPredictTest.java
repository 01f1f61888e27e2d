package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Text, categorical and numeric inputs; multi-class, binary and regression heads; predict. */
class ClassificationAndPredictTest {

    private static final List<String> GOOD = List.of("great", "love", "excellent", "fine");
    private static final List<String> BAD = List.of("awful", "hate", "broken", "poor");
    private static final List<String> FILLER = List.of("the", "phone", "movie", "it", "was");

    private static Table reviews(int rows, long seed) {
        Random random = new Random(seed);
        StringColumn text = StringColumn.create("text");
        StringColumn source = StringColumn.create("source");
        DoubleColumn length = DoubleColumn.create("length");
        StringColumn sentiment = StringColumn.create("sentiment");
        StringColumn domain = StringColumn.create("domain");
        DoubleColumn stars = DoubleColumn.create("stars");
        for (int i = 0; i < rows; i++) {
            boolean positive = random.nextBoolean();
            String site = List.of("amazon", "imdb", "yelp").get(random.nextInt(3));
            List<String> words = positive ? GOOD : BAD;
            String review = FILLER.get(random.nextInt(FILLER.size())) + " "
                    + words.get(random.nextInt(words.size())) + ", "
                    + FILLER.get(random.nextInt(FILLER.size())) + "!";
            text.append(review);
            source.append(site);
            length.append(review.length());
            sentiment.append(positive ? "pos" : "neg");
            domain.append(site);
            stars.append(positive ? 4.5 : 1.5);
        }
        return Table.create("reviews", text, source, length, sentiment, domain, stars);
    }

    @Test
    void learnsEveryHeadTypeAndPredictsLabelsWithProbabilities() {
        Table train = reviews(400, 1);
        Table test = reviews(50, 2);
        try (MultiTaskModel model = multiTask()
                .input(text("text").buckets(256), categorical("source"), numeric("length"))
                .trunk(dense(32), relu(), dropout(0.1))
                .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy(),
                        macroF1())
                .task("domain").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("positive").label("sentiment").head(dense(1)).loss(binaryCrossEntropy())
                .task("stars").head(dense(1)).loss(huber()).metric(mae())
                .build()) {
            TrainingRun run = model.fit(train, epochs(25), adam(1e-2), validationSplit(0.2),
                    quiet());

            var last = run.history().lastEpoch();
            assertThat(last.task("sentiment").metrics().get("accuracy")).isGreaterThan(0.95);
            assertThat(last.task("sentiment").metrics().get("macro_f1")).isGreaterThan(0.95);
            assertThat(last.task("domain").metrics().get("accuracy")).isGreaterThan(0.95);
            assertThat(last.task("stars").metrics().get("mae")).isLessThan(0.5);

            Table predictions = model.predict(test.removeColumns("sentiment", "stars"));
            assertThat(predictions.columnNames()).containsExactly("sentiment",
                    "sentiment_probability", "domain", "domain_probability", "positive",
                    "positive_probability_pos", "stars");
            assertThat(predictions.rowCount()).isEqualTo(50);
            Table truth = reviews(50, 2);
            int correct = 0;
            for (int r = 0; r < 50; r++) {
                correct += predictions.stringColumn("sentiment").get(r)
                        .equals(truth.stringColumn("sentiment").get(r)) ? 1 : 0;
                assertThat(predictions.stringColumn("positive").get(r)).isIn("neg", "pos");
                assertThat(predictions.doubleColumn("sentiment_probability").get(r))
                        .isBetween(0.5, 1.0);
                assertThat(predictions.doubleColumn("domain_probability").get(r))
                        .isBetween(1.0 / 3, 1.0);
                double positive = predictions.doubleColumn("positive_probability_pos").get(r);
                assertThat(positive).isBetween(0.0, 1.0);
                assertThat(predictions.stringColumn("positive").get(r))
                        .isEqualTo(positive > 0.5 ? "pos" : "neg");
            }
            assertThat(correct).isGreaterThanOrEqualTo(47);
            assertClassReports(model, truth, correct);
            assertThat(model.summary()).contains("trunk: [dense(32), relu(), dropout(0.1)]",
                    "task 'positive': head [dense(1)], binaryCrossEntropy()", "parameters: ");
        }
    }

    /** The class report of the evaluation table agrees with predict(); bad tasks are named. */
    private static void assertClassReports(MultiTaskModel model, Table truth, int correct) {
        var report = model.classReport(truth, "sentiment");
        assertThat(report.classes()).containsExactly("neg", "pos");
        assertThat(report.counts()[0][0] + report.counts()[1][1]).isEqualTo(correct);
        Table perClass = report.perClass();
        assertThat(perClass.intColumn("support").sum()).isEqualTo(50);
        assertThat(report.chart().getTitle()).isEqualTo("Confusion matrix");
        assertThat(model.classReport(truth, "positive").classes()).containsExactly("neg", "pos");
        assertThatThrownBy(() -> model.classReport(truth, "stars"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classReport() needs a classification task. Received: task='stars'"
                        + " with loss huber(1.0), which predicts a number. Use evaluate(table) for"
                        + " its MAE and RMSE.");
        assertThatThrownBy(() -> model.classReport(truth, "mood"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classReport() needs a task of the model. Received: task='mood',"
                        + " tasks=[sentiment, domain, positive, stars]. Pass one of those names.");
        assertThatThrownBy(() -> model.classReport(truth.copy().removeColumns("domain"), "domain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("classReport() needs the label column 'domain' of task"
                        + " 'domain'. Received: columns=[");
    }
}
