package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Bag-of-words features kept sparse train and predict as the dense ones did. */
class SparseTextTest {

    private static Table reviews() {
        Random random = new Random(3);
        StringColumn review = StringColumn.create("review");
        DoubleColumn score = DoubleColumn.create("score");
        for (int r = 0; r < 300; r++) {
            StringBuilder text = new StringBuilder();
            double value = 0;
            for (int w = 0; w < 3 + random.nextInt(8); w++) {
                int word = random.nextInt(400);
                text.append("w").append(word).append(' ');
                value += word % 5 == 0 ? 1 : 0;
            }
            review.append(text.toString());
            score.append(value);
        }
        return Table.create("reviews", review, score);
    }

    private static double[] fitAndPredict(Table table) {
        MultiTaskModel model = multiTask().input(text("review").vocabulary(300))
                .trunk(dense(16), relu())
                .task("score").head(dense(1)).loss(mse()).metric(mae()).build();
        model.fit(table, epochs(3), batchSize(32), validationSplit(0.2), seed(11), threads(1),
                quiet());
        return model.predict(table.selectColumns("review")).numberColumn("score").asDoubleArray();
    }

    @Test
    void sameSeedGivesTheSamePredictionsAsDenseFeatures() {
        // GIVEN 300 short reviews over 400 words and a 300-word vocabulary
        Table table = reviews();

        // WHEN one model trains on sparse rows (the default) and one on dense features
        double[] sparse = fitAndPredict(table);
        double[] dense;
        System.setProperty("mtl4j.sparseText", "false");
        try {
            dense = fitAndPredict(table);
        } finally {
            System.clearProperty("mtl4j.sparseText");
        }

        // THEN their predictions agree to float precision
        assertThat(sparse).hasSize(300);
        for (int r = 0; r < sparse.length; r++) {
            assertThat(sparse[r]).as("row %d", r).isCloseTo(dense[r], within(1e-5));
        }
    }
}
