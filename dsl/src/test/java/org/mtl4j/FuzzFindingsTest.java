package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the property-based fuzzing ({@code org.mtl4j.fuzz.FuzzTest}) found, each as a plain
 * example: the case that failed, cut down, and the behaviour it has now.
 */
class FuzzFindingsTest {

    private static Table table() {
        return Table.create("data",
                DoubleColumn.create("x", 1.0, 2.0, 3.0, 4.0),
                StringColumn.create("c", "", "", "", ""),
                StringColumn.create("t", "", "...", "", "!"),
                StringColumn.create("y", "a", "", "b", "a"));
    }

    @Test
    void aBatchWithoutAnyLabelIsNoStepBackwardFailure() {
        // found: EngineException "element 0 of tensors does not require grad" when a batch had
        // no label for any task (one task, row 1 unlabelled, one row per batch)
        try (MultiTaskModel model = multiTask().input(numeric("x"))
                .experts(2, dense(4), relu()).sharedGate()
                .task("y").head(dense(1)).loss(binaryCrossEntropy())
                .build()) {
            TrainingRun run = model.fit(table(), epochs(2), batchSize(1), quiet());

            assertThat(run.history().epochs()).hasSize(2);
            assertThat(run.history().lastEpoch().task("y").trainLoss()).isFinite();
            assertThat(model.predict(table()).stringColumn("y").asList())
                    .allSatisfy(c -> assertThat(c).isIn("a", "b"));
        }
    }

    @Test
    void aCategoricalInputMissingInEveryTrainingRowIsRejected() {
        // found: DJL's "Xavier initializer factor is 0, please check your input shape."
        try (MultiTaskModel model = multiTask().input(categorical("c")).trunk(dense(4), relu())
                .task("y").head(dense(2)).loss(crossEntropy())
                .build()) {
            assertThatThrownBy(() -> model.fit(table(), epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("categorical(\"c\") has no level to learn: column 'c' is missing"
                            + " in all 4 training rows. Fill the column, or remove it from"
                            + " .input(...).");
        }
    }

    @Test
    void aTextVocabularyWithoutAnyTokenIsRejected() {
        try (MultiTaskModel model = multiTask().input(text("t").vocabulary(8))
                .task("y").head(dense(2)).loss(crossEntropy())
                .build()) {
            assertThatThrownBy(() -> model.fit(table(), epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("text(\"t\").vocabulary(8) has no word to learn: column 't' has"
                            + " no token in its 4 training rows. Use .buckets(n), fill the column,"
                            + " or remove it from .input(...).");
        }
    }

    @Test
    void aTaskNamedLikeAnotherTasksProbabilityColumnIsRejected() {
        // found: predict() failed after training with Tablesaw's "Cannot add column with
        // duplicate name y_probability to table data predictions"
        assertThatThrownBy(() -> multiTask().input(numeric("x"))
                .task("y").head(dense(2)).loss(crossEntropy())
                .task("y_probability").label("x2").head(dense(1)).loss(mse())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tasks 'y' and 'y_probability' would both write the predictions"
                        + " column 'y_probability' (Tablesaw column names ignore case and"
                        + " surrounding spaces). Received: tasks=[y, y_probability]. Rename one"
                        + " task; .label(\"column\") keeps its labels.");
    }

    @Test
    void tasksWhoseNamesDifferOnlyInCaseAreRejected() {
        assertThatThrownBy(() -> multiTask().input(numeric("x"))
                .task("y").head(dense(1)).loss(mse())
                .task("Y").label("z").head(dense(1)).loss(l1())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tasks 'y' and 'Y' would both write the predictions"
                        + " column 'Y'");
    }

    @Test
    void aTaskNameWithSurroundingSpacesIsRejected() {
        // found: the predictions column of task "y " is "y": Tablesaw trims column names
        assertThatThrownBy(() -> multiTask().task("y "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'y ' has spaces around its name, but Tablesaw trims column"
                        + " names, so its predictions column would be 'y'. Received: task(\"y \")."
                        + " Use task(\"y\").");
    }

    @Test
    void aLabelColumnGivenAsAnInputInAnotherCaseIsRejected() {
        // found: Tablesaw finds "Y" for "y", so the model trained on its own answer
        assertThatThrownBy(() -> multiTask().input(numeric("x", "Y"))
                .task("y").head(dense(1)).loss(mse())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'y' learns column 'y', which is also an input"
                        + " (numeric(\"x\", \"Y\")), so the model would see the answer. Remove it"
                        + " from .input(...).");
    }

    @Test
    void theSameInputColumnTwiceIsRejected() {
        // found: numeric("x", "x") and numeric("x"), categorical("X") trained on a copy
        assertThatThrownBy(() -> multiTask().input(numeric("x"), categorical("X"))
                .task("y").head(dense(1)).loss(mse())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'X' is an input more than once (Tablesaw column names ignore"
                        + " case). Received: inputs=[numeric(\"x\"), categorical(\"X\")]. Name each"
                        + " column once.");
    }

    @Test
    void theLargestBatchSizeTrainsOneBatchPerEpoch() {
        // found by ArgumentFuzzTest: batchSize(Integer.MAX_VALUE) overflowed the step count and
        // leaked IndexOutOfBoundsException "Index 0 out of bounds for length 0"
        try (MultiTaskModel model = multiTask().input(numeric("x")).trunk(dense(4), relu())
                .task("y").head(dense(2)).loss(crossEntropy())
                .build()) {
            TrainingRun run = model.fit(table(), epochs(2), batchSize(Integer.MAX_VALUE),
                    quiet());

            assertThat(run.history().steps()).hasSize(2);
            assertThat(run.history().lastEpoch().task("y").trainLoss()).isFinite();
        }
    }
}
