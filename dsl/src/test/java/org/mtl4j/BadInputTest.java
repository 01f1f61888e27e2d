package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every bad input of the foundation issue gets a message naming value, expectation and fix. */
class BadInputTest {

    private static Table reviews() {
        return Table.create("reviews",
                DoubleColumn.create("x", 1.0, 2.0, 3.0, 4.0),
                StringColumn.create("sentiment", "neg", "pos", "pos", "neg"),
                DoubleColumn.create("stars", 1.0, 5.0, 4.0, 2.0),
                StringColumn.create("sex", "", "", "", ""));
    }

    private static ModelBuilder base() {
        return multiTask().input(numeric("x")).trunk(dense(4), relu());
    }

    private static void fitFails(MultiTaskModel model, Table table, String message) {
        try (model) {
            assertThatThrownBy(() -> model.fit(table, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }
    }

    @Test
    void noTasks() {
        assertThatThrownBy(() -> base().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model has no tasks. Received: tasks=[]. Add one with"
                        + " .task(\"name\").head(dense(1)).loss(mse()).");
    }

    @Test
    void noInputs() {
        assertThatThrownBy(() -> multiTask().task("y").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model has no inputs. Add one with .input(numeric(\"x1\", \"x2\")).");
    }

    @Test
    void duplicateTaskNames() {
        assertThatThrownBy(() -> base()
                .task("stars").head(dense(1)).loss(mse())
                .task("sentiment").head(dense(2)).loss(crossEntropy())
                .task("stars").head(dense(1)).loss(mse())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' is declared twice. Received: tasks=[stars, sentiment,"
                        + " stars]. Give every task its own name.");
    }

    @Test
    void taskWithoutHead() {
        assertThatThrownBy(() -> base().task("sentiment").loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'sentiment' has no head. Received: heads=[]. Add one with"
                        + " .head(dense(2)), one output per class.");
    }

    @Test
    void headNotEndingInDense() {
        assertThatThrownBy(() -> base().task("stars").head(dense(8), relu()).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' head must end with dense(n), the task's outputs."
                        + " Received: head=[dense(8), relu()]. Add a last layer, e.g."
                        + " .head(dense(8), relu(), dense(1)).");
    }

    @Test
    void taskWithoutLoss() {
        assertThatThrownBy(() -> base().task("stars").head(dense(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' has no loss. Add one with .loss(crossEntropy()) for"
                        + " classes or .loss(mse()) for numbers.");
    }

    @Test
    void metricOfTheWrongKind() {
        assertThatThrownBy(() -> base().task("stars").head(dense(1)).loss(mse())
                .metric(accuracy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' is a regression (mse()) but has metric accuracy()."
                        + " Use mae() or rmse().");
    }

    @Test
    void aucOnATaskOfMoreThanTwoClasses() {
        assertThatThrownBy(() -> base().task("stars").head(dense(5)).loss(crossEntropy())
                .metric(auc()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' has metric auc(), which needs two classes. Received:"
                        + " loss crossEntropy() with 5 outputs. Use auc() with"
                        + " binaryCrossEntropy() and dense(1) or crossEntropy() and dense(2);"
                        + " for more classes use accuracy() or macroF1().");
    }

    @Test
    void weightsForUnknownOrMissingTasks() {
        assertThatThrownBy(() -> base().task("stars").head(dense(1)).loss(mse())
                .weighting(weights(Map.of("star", 1.0))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights(...) has no weight for task 'stars'. Received: {star=1.0}."
                        + " Give every task a weight: [stars].");
    }

    @Test
    void unknownColumn() {
        fitFails(multiTask().input(numeric("x", "islnd")).task("stars").head(dense(1))
                        .loss(mse()).build(), reviews(),
                "Column 'islnd' not found in table 'reviews'. Received columns: [x, sentiment,"
                        + " stars, sex]. Check the name in numeric(\"islnd\").");
    }

    @Test
    void classificationLossOnNumericColumn() {
        fitFails(base().task("stars").head(dense(5)).loss(crossEntropy()).build(), reviews(),
                "Task 'stars' uses crossEntropy(), which needs a categorical label column"
                        + " (strings, booleans or integers), but column 'stars' is DOUBLE. Use"
                        + " mse(), l1() or huber() to predict a number, or turn the column into"
                        + " categories first.");
    }

    @Test
    void regressionLossOnStringColumn() {
        fitFails(base().task("sentiment").head(dense(1)).loss(mse()).build(), reviews(),
                "Task 'sentiment' uses mse(), which needs a numeric label column, but column"
                        + " 'sentiment' is STRING. Use crossEntropy() to predict categories.");
    }

    @Test
    void headSizeDifferentFromClassCount() {
        fitFails(base().task("sentiment").head(dense(3)).loss(crossEntropy()).build(),
                reviews(),
                "Task 'sentiment' has 2 classes [neg, pos], so its head must output 2 values,"
                        + " but it outputs 3 (dense(3)). Use .head(dense(2)) as its last layer.");
    }

    @Test
    void emptyTable() {
        fitFails(base().task("stars").head(dense(1)).loss(mse()).build(),
                reviews().emptyCopy(),
                "Table 'reviews' has no rows. fit() needs rows with the input and label"
                        + " columns.");
    }

    @Test
    void taskWhoseLabelsAreAllMissing() {
        fitFails(base().task("sex").head(dense(1)).loss(binaryCrossEntropy()).build(),
                reviews(),
                "Task 'sex' has no labels: column 'sex' is missing in all 4 rows. Fill the"
                        + " column or remove the task.");
    }

    @Test
    void nonFiniteFeature() {
        Table table = reviews();
        table.doubleColumn("x").set(2, Double.POSITIVE_INFINITY);
        fitFails(base().task("stars").head(dense(1)).loss(mse()).build(), table,
                "Column 'x' has 1 missing or non-finite value (first: Infinity at row 2)."
                        + " numeric() inputs must be finite numbers. Drop those rows"
                        + " (table.dropRowsWithMissingValues()) or fill them"
                        + " (column.setMissingTo(value)).");
    }

    @Test
    void badFitOptions() {
        assertThatThrownBy(() -> batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be at least 1. Received: batchSize(0). Use e.g."
                        + " batchSize(64).");
        assertThatThrownBy(() -> adam(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Learning rate must be a positive number. Received: adam(0.0). Use"
                        + " e.g. adam(1e-3).");
        assertThatThrownBy(() -> sgd(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Learning rate must be a positive number. Received: sgd(-0.1). Use"
                        + " e.g. sgd(1e-3).");
        assertThatThrownBy(() -> epochs(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be at least 1. Received: epochs(0). Use e.g."
                        + " epochs(10).");
        assertThatThrownBy(() -> validationSplit(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validationSplit must be in [0, 1). Received: validationSplit(1.0)."
                        + " Use e.g. validationSplit(0.2).");
    }

    @Test
    void classLabelNeverSeenInTraining() {
        try (MultiTaskModel model =
                base().task("sentiment").head(dense(2)).loss(crossEntropy()).build()) {
            model.fit(reviews(), epochs(1), quiet());
            Table unseen = reviews();
            unseen.stringColumn("sentiment").set(3, "neutral");

            assertThatThrownBy(() -> model.evaluate(unseen))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Task 'sentiment' has label 'neutral' in row 3, a class the model"
                            + " never saw in training. Known classes: [neg, pos]. Remove those"
                            + " rows or train a new model on data that includes them.");
        }
    }

    @Test
    void predictBeforeFit() {
        try (MultiTaskModel model = base().task("stars").head(dense(1)).loss(mse()).build()) {
            assertThatThrownBy(() -> model.predict(reviews()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The model is not trained yet, so it cannot predict. Call"
                            + " model.fit(table, ...) first.");
        }
    }

    @Test
    void useAfterClose() {
        MultiTaskModel model = base().task("stars").head(dense(1)).loss(mse()).build();
        model.fit(reviews(), epochs(1), quiet());
        model.close();

        assertThatThrownBy(() -> model.predict(reviews()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The model is closed, so it cannot predict. Build a new one with"
                        + " multiTask()...build().");
    }

    @Test
    void labelColumnUsedAsInput() {
        assertThatThrownBy(() -> multiTask().input(numeric("x", "stars"))
                .task("stars").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'stars' learns column 'stars', which is also an input"
                        + " (numeric(\"x\", \"stars\")), so the model would see the answer."
                        + " Remove it from .input(...).");
    }

    @Test
    void nullLayer() {
        assertThatThrownBy(() -> base().trunk(dense(2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trunk() received null. Received: trunk([dense(2), null]). Pass"
                        + " values such as trunk(dense(64), relu()).");
    }

    @Test
    void aFailedFirstFitLeavesTheModelUntrained() {
        Table table = reviews();
        table.doubleColumn("stars").set(0, Double.POSITIVE_INFINITY);
        try (MultiTaskModel model = base().task("stars").head(dense(1)).loss(mse()).build()) {
            assertThatThrownBy(() -> model.fit(table, epochs(1), quiet()))
                    .hasMessageContaining("infinite label");

            assertThat(model.parts()).isEmpty();
            assertThatThrownBy(() -> model.predict(reviews()))
                    .isInstanceOf(IllegalStateException.class);
            model.fit(reviews(), epochs(1), quiet());
            assertThat(model.predict(reviews()).rowCount()).isEqualTo(4);
        }
    }
}
