package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.StepProgress;
import tech.tablesaw.api.Table;

/** What withTask(), freeze(...) and rehearsal(...) say when asked for what cannot be. */
class TaskAdditionErrorsTest {

    static final Table OLD = TwoPhaseData.oldRows(120, 1);
    static final Table NEW = TwoPhaseData.newRows(120, 2);
    static MultiTaskModel hard;
    static MultiTaskModel experts;

    @BeforeAll
    static void train() {
        hard = WithTaskTest.trained(WithTaskTest.base().trunk(dense(8), relu()));
        experts = WithTaskTest.trained(WithTaskTest.base().experts(2, dense(8), relu()).gates());
    }

    @AfterAll
    static void close() {
        hard.close();
        experts.close();
    }

    @Test
    void anUntrainedModelHasNothingToAddTo() {
        MultiTaskModel untrained = WithTaskTest.base().trunk(dense(8))
                .task("a").head(dense(1)).loss(mse()).build();
        assertThatThrownBy(() -> untrained.withTask("c"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The model is not trained yet, so it cannot add a task. Call"
                        + " model.fit(table, ...) first.");
    }

    @Test
    void aNewTaskNeedsANewName() {
        assertThatThrownBy(() -> hard.withTask("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'a' is already a task of the trained model. Received:"
                        + " withTask(\"a\"), tasks=[a, b]. Give the new task another name;"
                        + " .label(\"a\") reads the same column.");
    }

    @Test
    void theInputsAndArchitectureStay() {
        assertThatThrownBy(() -> hard.withTask("c").head(dense(1)).loss(mse())
                .weighting(equal()).trunk(dense(4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A model made by withTask() keeps the trained model's inputs and"
                        + " architecture, so it cannot take .trunk(...). Received: .trunk(...)"
                        + " after withTask(). Declare only the new tasks (and, if needed,"
                        + " .weighting(...)), or build a new model with multiTask().");
    }

    @Test
    void theNewTableNeedsTheInputColumns() {
        try (MultiTaskModel extended = WithTaskTest.withC(hard)) {
            Table withoutX4 = NEW.copy().removeColumns("x4");
            assertThatThrownBy(() -> extended.fit(withoutX4, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Table 'new' lacks the input column(s) [x4] of the trained"
                            + " model. Received: columns=[x1, x2, x3, c]. A model made by"
                            + " withTask() keeps the trained model's inputs and their encoders:"
                            + " pass a table with those columns.");
        }
    }

    @Test
    void freezingAPartTheArchitectureLacks() {
        try (MultiTaskModel extended = WithTaskTest.withC(experts)) {
            assertThatThrownBy(() -> extended.fit(NEW, epochs(1), quiet(), freeze(trunk())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("freeze(trunk()) needs a model with a trunk, but this one shares"
                            + " MMoE. Received: experts(2, dense(8), relu()).gates(). Use"
                            + " freeze(experts()), freeze(gates()) or freeze(shared()).");
        }
        try (MultiTaskModel extended = WithTaskTest.withC(hard)) {
            assertThatThrownBy(() -> extended.fit(NEW, epochs(1), quiet(), freeze(gates())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("freeze(gates()) needs a model with gates, but this one shares"
                            + " hard sharing. Received: trunk(dense(8), relu()). Use"
                            + " freeze(trunk()) or freeze(shared()).");
            assertThatThrownBy(() -> extended.fit(NEW, epochs(1), quiet(), freeze(heads("z"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("freeze(heads(...)) names a task the model does not have."
                            + " Received: heads(\"z\"), tasks=[a, b, c]. Use one of those"
                            + " names.");
            assertThatThrownBy(() -> extended.fit(NEW, epochs(1), quiet(),
                    freeze(shared(), heads())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("freeze(shared(), heads()) freezes every parameter of the model,"
                            + " so the fit would train nothing. Received: tasks=[a, b, c]."
                            + " Leave a part to train, e.g. the new task's head.");
        }
    }

    @Test
    void rehearsalArguments() {
        assertThatThrownBy(() -> rehearsal(OLD, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rehearsal()'s fraction must be in (0, 1), the share of old rows in"
                        + " the training data. Received: rehearsal(old, 1.0). Use e.g."
                        + " rehearsal(oldRows, 0.25).");
        try (MultiTaskModel extended = WithTaskTest.withC(hard)) {
            assertThatThrownBy(() -> extended.fit(NEW, epochs(1), quiet(),
                    rehearsal(NEW.copy().removeColumns("c"), 0.25)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rehearsal()'s table 'new' has no label column of the model's"
                            + " tasks. Received: columns=[x1, x2, x3, x4], tasks=[a, b, c]. Pass"
                            + " the rows the old tasks were trained on, with their labels.");
        }
    }

    @Test
    void aFrozenTrunkIsNotDifferentiatedDuringTheFitAndIsAgainAfterIt() {
        try (MultiTaskModel extended = WithTaskTest.withC(hard)) {
            boolean[] trunkNeededGradients = {false};
            boolean[] headNeededGradients = {false};
            FitListener watch = new FitListener() {
                @Override
                public void stepEnded(StepProgress step) {
                    var block = extended.parts().orElseThrow().block();
                    trunkNeededGradients[0] |= block.sharedParameters().get(0).getArray()
                            .hasGradient();
                    headNeededGradients[0] |= block.heads().get(2).getParameters().valueAt(0)
                            .getArray().hasGradient();
                }
            };
            extended.fit(NEW, epochs(1), quiet(), freeze(trunk()), listener(watch));

            assertThat(trunkNeededGradients[0]).isFalse();
            assertThat(headNeededGradients[0]).isTrue();
            assertThat(extended.parts().orElseThrow().block().sharedParameters().get(0)
                    .getArray().hasGradient()).isTrue();
        }
    }
}
