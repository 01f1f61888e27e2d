package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.data.TargetScale;
import org.mtl4j.datasets.Datasets;
import tech.tablesaw.api.Table;

/**
 * Regression targets are standardised for training by default: a target in grams trains like
 * one near 0, predictions and MAE/RMSE come back in grams, and {@code .scaleTarget(false)}
 * trains on the raw values.
 */
class TargetScalingTest {

    private static MultiTaskModel penguinsRecipe(boolean scale) {
        return multiTask()
                .input(numeric("bill_length_mm", "bill_depth_mm", "flipper_length_mm"),
                        categorical("island"))
                .trunk(dense(32), relu())
                .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("body_mass_g").head(dense(1)).loss(huber()).metric(mae())
                .scaleTarget(scale)
                .build();
    }

    /** README's first recipe, as it is written there. */
    @Test
    void readmesPenguinsRecipeReachesABodyMassMaeUnder400Grams() {
        Table birds = Datasets.penguins().dropRowsWithMissingValues();
        try (MultiTaskModel model = penguinsRecipe(true)) {
            model.fit(birds, epochs(30), validationSplit(0.2), quiet());
            Table scores = model.evaluate(birds);
            double mae = scores.doubleColumn("mae").get(1);
            System.out.printf("penguins recipe: body mass MAE %.1f g, species accuracy %.3f%n",
                    mae, scores.doubleColumn("accuracy").get(0));
            assertThat(mae).isLessThan(400);

            Table predictions = model.predict(birds);
            double[] predicted = predictions.doubleColumn("body_mass_g").asDoubleArray();
            double[] actual = birds.doubleColumn("body_mass_g").asDoubleArray();
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < actual.length; r++) {
                sum += Math.abs(predicted[r] - actual[r]);
                squares += (predicted[r] - actual[r]) * (predicted[r] - actual[r]);
            }
            // MAE is in grams: the mean absolute error of the predictions in grams
            assertThat(mae).isCloseTo(sum / actual.length, within(0.01));
            assertThat(Math.sqrt(squares / actual.length)).isLessThan(500);
            assertThat(birds.doubleColumn("body_mass_g").mean())
                    .isCloseTo(predictions.doubleColumn("body_mass_g").mean(), within(100.0));
            // the loss is in standard deviations: a few tenths, not hundreds of grams
            assertThat(scores.doubleColumn("loss").get(1)).isLessThan(1.0);
            TargetScale scale = model.parts().orElseThrow().labels().get(1).scale();
            assertThat(scale.mean()).isCloseTo(4200, within(150.0));
            assertThat(scale.std()).isCloseTo(800, within(100.0));
        }
    }

    @Test
    void withoutScalingTheSameRecipeStaysHundredsOfGramsOff() {
        Table birds = Datasets.penguins().dropRowsWithMissingValues();
        try (MultiTaskModel model = penguinsRecipe(false)) {
            model.fit(birds, epochs(30), validationSplit(0.2), quiet());
            Table scores = model.evaluate(birds);
            System.out.printf("penguins recipe, scaleTarget(false): body mass MAE %.1f g%n",
                    scores.doubleColumn("mae").get(1));
            assertThat(scores.doubleColumn("mae").get(1)).isGreaterThan(1000);
            assertThat(model.parts().orElseThrow().labels().get(1).scale())
                    .isEqualTo(TargetScale.NONE);
            assertThat(model.spec().tasks().get(1).scaleTarget()).isFalse();
        }
    }

    @Test
    void theScaleComesFromTheTrainingSplitAndTurnsBack() {
        TargetScale scale = TargetScale.fit(
                tech.tablesaw.api.DoubleColumn.create("y", 1.0, 3.0, 100.0), new int[] {0, 1});
        assertThat(scale).isEqualTo(new TargetScale(2.0, 1.0));
        assertThat(scale.apply(5.0)).isEqualTo(3.0);
        assertThat(scale.invert(3.0)).isEqualTo(5.0);
        assertThat(TargetScale.fit(tech.tablesaw.api.DoubleColumn.create("y", 7.0, 7.0),
                new int[] {0, 1})).isEqualTo(new TargetScale(7.0, 1.0));
    }
}
