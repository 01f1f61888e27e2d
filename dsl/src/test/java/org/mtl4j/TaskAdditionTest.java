package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import org.junit.jupiter.api.Test;
import org.mtl4j.train.FitOption;
import tech.tablesaw.api.Table;

/**
 * Forgetting and transfer on data where fine-tuning the trunk on a new task alone pulls it away
 * from the old tasks ({@link TwoPhaseData}): rehearsal keeps the old tasks better.
 */
class TaskAdditionTest {

    static final Table OLD = TwoPhaseData.oldRows(400, 11);
    static final Table NEW = TwoPhaseData.newRows(400, 12);
    static final Table TEST = TwoPhaseData.all(400, 13, "test");
    static final FitOption[] FINE_TUNING = {epochs(30), adam(1e-2), batchSize(32), seed(9),
        quiet()};

    static MultiTaskModel trained() {
        MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4"))
                .trunk(dense(32), relu(), dense(16), relu())
                .task("a").head(dense(1)).loss(mse()).metric(mae())
                .task("b").head(dense(2)).loss(crossEntropy()).metric(accuracy())
                .build();
        model.fit(OLD, epochs(30), adam(1e-2), batchSize(32), seed(5), quiet());
        return model;
    }

    static MultiTaskModel withC(MultiTaskModel model) {
        return model.withTask("c").head(dense(1)).loss(mse()).metric(mae()).build();
    }

    static FitOption[] plus(FitOption... more) {
        FitOption[] all = java.util.Arrays.copyOf(FINE_TUNING, FINE_TUNING.length + more.length);
        System.arraycopy(more, 0, all, FINE_TUNING.length, more.length);
        return all;
    }

    @Test
    void rehearsalForgetsLessThanPlainFineTuning() {
        try (MultiTaskModel model = trained();
                MultiTaskModel plain = withC(model);
                MultiTaskModel rehearsed = withC(model);
                MultiTaskModel frozen = withC(model)) {
            // WHEN the new task trains three ways from the same trained model
            plain.fit(NEW, FINE_TUNING);
            rehearsed.fit(NEW, plus(rehearsal(OLD, 0.5)));
            frozen.fit(NEW, plus(freeze(trunk())));
            TaskAddition plainReport = TaskAddition.measure(model, plain, NEW, TEST, FINE_TUNING);
            TaskAddition rehearsedReport = TaskAddition.measure(model, rehearsed, NEW, TEST,
                    plus(rehearsal(OLD, 0.5)));
            TaskAddition frozenReport = TaskAddition.measure(model, frozen, NEW, TEST,
                    plus(freeze(trunk())));
            System.out.println("plain fine-tuning:\n" + plainReport);
            System.out.println("with rehearsal(OLD, 0.5):\n" + rehearsedReport);
            System.out.println("with freeze(trunk()):\n" + frozenReport);

            // THEN plain fine-tuning forgets the old tasks, rehearsal much less, a frozen trunk not
            double plainForgetting = plainReport.change("a", "mae");
            double rehearsedForgetting = rehearsedReport.change("a", "mae");
            assertThat(plainForgetting).isGreaterThan(0.1);
            assertThat(rehearsedForgetting).isLessThan(plainForgetting / 2);
            assertThat(rehearsedReport.change("b", "accuracy"))
                    .isGreaterThan(plainReport.change("b", "accuracy"));
            // (to float rounding: the one-layer heads run as one, now wider, matrix product)
            assertThat(frozenReport.change("a", "mae")).isCloseTo(0, within(1e-6));
            assertThat(frozenReport.change("b", "accuracy")).isZero();
            // and the new task is learnt in every case (MAE of c's mean ≈ 0.9)
            for (TaskAddition report : new TaskAddition[] {plainReport, rehearsedReport,
                frozenReport}) {
                assertThat(report.table().where(report.table().stringColumn("task")
                        .isEqualTo("c").and(report.table().stringColumn("measure")
                                .isEqualTo("mae"))).doubleColumn("withTask").get(0))
                        .isLessThan(0.6);
            }
        }
    }

    @Test
    void theReportListsEveryOldMeasureAndTheNewTaskAgainstAModelTrainedFromScratch() {
        try (MultiTaskModel model = trained(); MultiTaskModel extended = withC(model)) {
            extended.fit(NEW, FINE_TUNING);
            TaskAddition report = TaskAddition.measure(model, extended, NEW, TEST, FINE_TUNING);
            Table table = report.table();

            assertThat(table.columnNames()).containsExactly("task", "kind", "measure",
                    "baseline", "withTask", "change", "better");
            assertThat(table.stringColumn("task").asList())
                    .containsExactly("a", "a", "b", "b", "c", "c");
            assertThat(table.stringColumn("kind").asList())
                    .containsExactly("old", "old", "old", "old", "new", "new");
            assertThat(table.stringColumn("measure").asList())
                    .containsExactly("loss", "mae", "loss", "accuracy", "loss", "mae");
            // old tasks: before is the trained model's evaluation, after the extended one's
            Table before = model.evaluate(TEST);
            Table after = extended.evaluate(TEST);
            assertThat(table.doubleColumn("baseline").get(1))
                    .isEqualTo(before.doubleColumn("mae").get(0));
            assertThat(table.doubleColumn("withTask").get(3))
                    .isEqualTo(after.doubleColumn("accuracy").get(1));
            assertThat(report.change("a", "mae")).isEqualTo(
                    after.doubleColumn("mae").get(0) - before.doubleColumn("mae").get(0));
            // the new task's baseline: the same trunk and head trained on c alone, same options
            try (MultiTaskModel scratch = multiTask()
                    .input(numeric("x1", "x2", "x3", "x4"))
                    .trunk(dense(32), relu(), dense(16), relu())
                    .task("c").head(dense(1)).loss(mse()).metric(mae())
                    .build()) {
                scratch.fit(NEW, FINE_TUNING);
                assertThat(table.doubleColumn("baseline").get(5))
                        .isEqualTo(scratch.evaluate(TEST).doubleColumn("mae").get(0));
            }
            String better = table.stringColumn("better").get(1);
            assertThat(better).isEqualTo(report.change("a", "mae") < 0 ? "yes" : "no");
            assertThat(report.toString()).contains("withTask", "baseline", "Adding [c]");
        }
    }
}
