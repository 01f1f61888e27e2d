package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.datasets.MultiMnist;
import tech.tablesaw.api.Table;

/** A LeNet-style shared trunk with left-digit and right-digit heads on MultiMNIST, real DJL. */
class ImageTrainingTest {

    static MultiTaskModel lenet() {
        return multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(8, 5), relu(), maxPool(2), conv2d(16, 5), relu(), maxPool(2),
                        flatten(), dense(64), relu())
                .task("left").head(dense(10)).loss(crossEntropy()).metric(accuracy())
                .task("right").head(dense(10)).loss(crossEntropy()).metric(accuracy())
                .build();
    }

    @Test
    void lenetLearnsBothDigitsWellAboveChanceAndSurvivesSaveAndLoad(@TempDir Path dir)
            throws Exception {
        // GIVEN 800 training and 300 test canvases (seeded)
        Table train = MultiMnist.table(800, 1);
        Table test = MultiMnist.table(300, 2);
        try (MultiTaskModel model = lenet()) {
            // WHEN it trains for 6 epochs
            model.fit(train, epochs(6), adam(3e-3), batchSize(32), seed(5), quiet());

            // THEN both digits are recognised far above chance (10 %)
            Table predictions = model.predict(test);
            double left = share(predictions, test, "left");
            double right = share(predictions, test, "right");
            System.out.printf("MultiMNIST LeNet, 800 rows, 6 epochs: left %.3f, right %.3f%n",
                    left, right);
            assertThat(left).isGreaterThan(0.4);
            assertThat(right).isGreaterThan(0.4);

            // AND the summary names the input's encoding and the hand-counted parameters
            assertThat(model.summary()).contains(
                    "inputs: [image(\"image\", 1, 36, 36)]",
                    "image: image 1 × 36 × 36, pixels / 255", "-> 1296 features",
                    "parameters: 41652 on cpu()");

            // AND a saved and loaded model predicts exactly the same
            Path file = dir.resolve("lenet.mtl4j");
            model.save(file);
            assertThat(Files.size(file)).isPositive();
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                Table again = loaded.predict(test);
                for (String column : predictions.columnNames()) {
                    assertThat(again.column(column).asList()).as(column)
                            .isEqualTo(predictions.column(column).asList());
                }
            }
        }
    }

    static double share(Table predictions, Table truth, String task) {
        int right = 0;
        for (int row = 0; row < truth.rowCount(); row++) {
            if (predictions.column(task).getString(row)
                    .equals(truth.column(task).getString(row))) {
                right++;
            }
        }
        return right / (double) truth.rowCount();
    }
}
