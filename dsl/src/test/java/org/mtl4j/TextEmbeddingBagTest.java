package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Text as the mean of learnt token vectors: it learns, and sits beside a bag of words. */
class TextEmbeddingBagTest {

    /** Reviews of filler words with one opinion word that decides the label. */
    private static Table reviews(int rows, long seed) {
        Random random = new Random(seed);
        List<String> good = List.of("great", "lovely", "superb", "fine");
        List<String> bad = List.of("awful", "broken", "poor", "dull");
        StringColumn review = StringColumn.create("review");
        StringColumn liked = StringColumn.create("liked");
        for (int r = 0; r < rows; r++) {
            boolean positive = random.nextBoolean();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 2 + random.nextInt(6); w++) {
                text.append("filler").append(random.nextInt(50)).append(' ');
            }
            List<String> opinion = positive ? good : bad;
            text.append(opinion.get(random.nextInt(opinion.size())));
            review.append(text.toString());
            liked.append(positive ? "yes" : "no");
        }
        return Table.create("reviews", review, liked);
    }

    @Test
    void meanOfTokenVectorsLearnsTheOpinionWords() {
        // GIVEN the label set by one of 8 opinion words among up to 7 of 50 filler words
        try (MultiTaskModel model = multiTask()
                .input(text("review").vocabulary(100).embeddingBag(8))
                .trunk(dense(16), relu())
                .task("liked").head(dense(1)).loss(binaryCrossEntropy()).metric(accuracy())
                .build()) {
            // WHEN it trains on 1000 reviews
            model.fit(reviews(1000, 1), epochs(15), adam(1e-2), seed(2), threads(1), quiet());
            // THEN new reviews are told apart far better than chance (50 %)
            Table scores = model.evaluate(reviews(400, 9));
            assertThat(scores.doubleColumn("accuracy").get(0)).isGreaterThan(0.95);
            assertThat(model.summary()).contains("review: embedding bag (mean) of 8 over"
                    + " 58-token vocabulary, up to 8 tokens a row");
        }
    }

    private static double[] bothInputs(Table table) {
        try (MultiTaskModel model = multiTask()
                .input(text("review").vocabulary(60), text("title").buckets(64)
                        .embeddingBag(4).sum())
                .trunk(dense(8), relu())
                .task("liked").head(dense(1)).loss(binaryCrossEntropy())
                .build()) {
            model.fit(table, epochs(2), batchSize(32), seed(11), threads(1), quiet());
            return model.predict(table.selectColumns("review", "title"))
                    .numberColumn("liked_probability_yes").asDoubleArray();
        }
    }

    @Test
    void tokenIndicesBesideASparseBagOfWordsGiveTheDenseResults() {
        Table table = reviews(300, 3);
        table.addColumns(table.stringColumn("review").copy().setName("title"));
        double[] sparse = bothInputs(table);
        double[] dense;
        System.setProperty("mtl4j.sparseText", "false");
        try {
            dense = bothInputs(table);
        } finally {
            System.clearProperty("mtl4j.sparseText");
        }
        for (int r = 0; r < sparse.length; r++) {
            assertThat(sparse[r]).as("row %d", r).isCloseTo(dense[r], within(1e-5));
        }
    }
}
