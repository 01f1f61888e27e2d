package org.mtl4j.fuzz;

import java.util.Arrays;
import java.util.List;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.data.Split;
import org.mtl4j.fuzz.ModelDraft.TaskDraft;
import org.mtl4j.spec.losses.LabelKind;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.Prediction;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingDivergedException;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The property every generated case must satisfy: building and fitting either succeed, and then
 * the history holds only finite losses and weights (NaN only where the documented "no labelled
 * row" applies) and {@code predict} and {@code evaluate} work on the same table with finite
 * results ({@code predict} also on the input columns alone and on an empty table); or they fail with exactly {@link IllegalArgumentException} or {@link
 * IllegalStateException} (not a subclass such as {@code NumberFormatException}) whose message
 * quotes a name from the case or says what it received, and a failed first fit leaves the model
 * untrained. The divergence guard's {@code TrainingDivergedException} is documented too: the
 * model then keeps only its finite epochs.
 *
 * <p>Example: {@code TrainOrExplain.check(CaseGenerator.generate(7, 30))} returns {@code
 * "trained"} or the rejection's message, and throws {@link AssertionError} otherwise.
 */
final class TrainOrExplain {

    private TrainOrExplain() {}

    /**
     * Checks one case.
     *
     * @return "trained", or the message of the documented exception that rejected the case
     * @throws AssertionError naming what broke the property, with the case's reproduction
     */
    static String check(FuzzCase c) {
        MultiTaskModel model;
        try {
            model = c.model().build();
        } catch (RuntimeException e) {
            return documented(e, c);
        }
        try (model) {
            TrainingRun run;
            try {
                run = model.fit(c.table(), c.fit().options());
            } catch (TrainingDivergedException e) {
                return diverged(e, model, c);
            } catch (RuntimeException e) {
                String message = documented(e, c);
                require(model.history().isEmpty() && model.parts().isEmpty(), c,
                        "a failed first fit left the model looking trained");
                return message;
            }
            checkHistory(run.history(), c, c.fit().epochs());
            checkPredictions(model.predict(c.table()), model, c);
            checkEvaluation(model.evaluate(c.table()), c);
            checkPredictionsOnNewTables(model, c);
            if (c.refit() == null) {
                return "trained";
            }
            try {
                run = model.fit(c.table(), c.refit().options());
            } catch (TrainingDivergedException e) {
                return "fit again, " + diverged(e, model, c);
            } catch (RuntimeException e) {
                String message = documented(e, c);
                require(model.history().epochs().size() == c.fit().epochs(), c,
                        "a failed second fit changed the history");
                return "fit again: " + message;
            }
            checkHistory(run.history(), c, c.fit().epochs() + c.refit().epochs());
            checkPredictions(model.predict(c.table()), model, c);
            return "trained, and again";
        }
    }

    /**
     * The divergence guard stopped the fit: the message names a task (or the gradient), and the
     * model keeps only finite epochs, so that it predicts finite values if it has any.
     */
    private static String diverged(TrainingDivergedException e, MultiTaskModel model,
            FuzzCase c) {
        String message = e.getMessage();
        require(message != null && (message.contains("gradient")
                || c.model().tasks().stream().anyMatch(t -> message.contains(
                        "'" + t.name() + "'"))), c, "divergence message names nothing: " + message);
        if (model.history().isEmpty()) {
            require(model.parts().isEmpty(), c, "a diverged first epoch left the model trained");
        } else {
            checkHistory(model.history(), c, model.history().epochs().size());
            checkPredictions(model.predict(c.table()), model, c);
        }
        return "diverged: " + message;
    }

    private static String documented(RuntimeException e, FuzzCase c) {
        boolean plain = e.getClass() == IllegalArgumentException.class
                || e.getClass() == IllegalStateException.class;
        if (!plain) {
            throw new AssertionError("Leaked " + e.getClass().getName() + ": " + e.getMessage()
                    + "\n" + c.describe(), e);
        }
        String message = e.getMessage();
        boolean names = message != null && (message.contains("Received")
                || c.names().stream().anyMatch(n -> message.contains("'" + n + "'")
                        || message.contains("\"" + n + "\"")));
        if (!names || message.length() < 40) {
            throw new AssertionError("The message does not name the problem: " + message
                    + "\n" + c.describe(), e);
        }
        return message;
    }

    private static void checkHistory(TrainingHistory history, FuzzCase c, int epochs) {
        require(history.epochs().size() == epochs, c,
                "the fit ran " + history.epochs().size() + " epochs, not " + epochs);
        for (EpochRecord epoch : history.epochs()) {
            FitDraft fit = epoch.epoch() <= c.fit().epochs() ? c.fit() : c.refit();
            Split split = Split.random(c.table().rowCount(), fit.validationSplit(), fit.seed());
            for (TaskDraft task : c.model().tasks()) {
                TaskEpoch figures = epoch.task(task.name());
                require(Double.isFinite(figures.trainLoss()), c, "epoch " + epoch.epoch()
                        + " task '" + task.name() + "' training loss " + figures.trainLoss());
                require(Double.isFinite(figures.weight()), c, "epoch " + epoch.epoch()
                        + " task '" + task.name() + "' weight " + figures.weight());
                boolean validationLabels = labelled(c.table(), task, split.validation());
                require(validationLabels ? Double.isFinite(figures.validationLoss())
                                : Double.isNaN(figures.validationLoss()), c,
                        "epoch " + epoch.epoch() + " task '" + task.name()
                                + "' validation loss " + figures.validationLoss()
                                + (validationLabels ? "" : " without labelled validation rows"));
                figures.metrics().forEach((name, value) -> require(!Double.isInfinite(value), c,
                        "epoch " + epoch.epoch() + " task '" + task.name() + "' " + name + " "
                                + value));
            }
        }
        for (StepRecord step : history.steps()) {
            boolean finite = Arrays.stream(step.losses()).noneMatch(Double::isInfinite)
                    && Arrays.stream(step.weights()).allMatch(Double::isFinite);
            require(finite, c, "step " + step.step() + " losses "
                    + Arrays.toString(step.losses()) + " weights "
                    + Arrays.toString(step.weights()));
        }
    }

    private static boolean labelled(Table table, TaskDraft task, int[] rows) {
        Column<?> labels = table.column(task.labelColumn());
        return Arrays.stream(rows).anyMatch(r -> !labels.isMissing(r));
    }

    private static void checkPredictions(Table predictions, MultiTaskModel model, FuzzCase c) {
        require(predictions.rowCount() == c.table().rowCount(), c,
                "predict gave " + predictions.rowCount() + " rows");
        for (int t = 0; t < c.model().tasks().size(); t++) {
            TaskDraft task = c.model().tasks().get(t);
            List<String> classes = model.parts().orElseThrow().labels().get(t).classes();
            if (classes.isEmpty()) {
                NumberColumn<?, ?> values = (NumberColumn<?, ?>) predictions.column(task.name());
                for (int r = 0; r < values.size(); r++) {
                    require(Double.isFinite(values.getDouble(r)), c,
                            "task '" + task.name() + "' predicts " + values.getDouble(r)
                                    + " for row " + r);
                }
            } else {
                StringColumn predicted = predictions.stringColumn(task.name());
                boolean binary = model.parts().orElseThrow().labels().get(t).task().loss()
                        .labelKind() == LabelKind.BINARY;
                NumberColumn<?, ?> probability = (NumberColumn<?, ?>) predictions.column(binary
                        ? Prediction.positiveColumn(task.name(), classes)
                        : task.name() + "_probability");
                for (int r = 0; r < predicted.size(); r++) {
                    double p = probability.getDouble(r);
                    require(classes.contains(predicted.get(r)) && p >= 0 && p <= 1, c,
                            "task '" + task.name() + "' predicts class '" + predicted.get(r)
                                    + "' with probability " + p + " for row " + r);
                }
            }
        }
    }

    /**
     * A trained model also predicts a table with only the input columns (no labels) and an
     * empty table (no rows).
     */
    private static void checkPredictionsOnNewTables(MultiTaskModel model, FuzzCase c) {
        Table inputs = Table.create(c.table().name());
        for (ModelDraft.InputDraft input : c.model().inputs()) {
            for (String column : input.columns()) {
                if (!inputs.containsColumn(column)) {
                    inputs.addColumns(c.table().column(column).copy());
                }
            }
        }
        Table predictions = model.predict(inputs);
        require(predictions.rowCount() == c.table().rowCount(), c,
                "predict on the input columns alone gave " + predictions.rowCount() + " rows");
        Table empty = model.predict(c.table().emptyCopy());
        require(empty.rowCount() == 0 && empty.columnCount() == predictions.columnCount(), c,
                "predict on an empty table gave " + empty.shape());
    }

    private static void checkEvaluation(Table evaluation, FuzzCase c) {
        NumberColumn<?, ?> losses = (NumberColumn<?, ?>) evaluation.column("loss");
        for (int t = 0; t < losses.size(); t++) {
            require(Double.isFinite(losses.getDouble(t)), c,
                    "evaluate gives task " + t + " loss " + losses.getDouble(t));
        }
    }

    private static void require(boolean condition, FuzzCase c, String problem) {
        if (!condition) {
            throw new AssertionError(problem + "\n" + c.describe());
        }
    }
}
