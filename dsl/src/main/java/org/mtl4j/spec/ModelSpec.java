package org.mtl4j.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.losses.LabelKind;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.Sharing;
import org.mtl4j.weighting.TrunkOutputWeighting;
import org.mtl4j.weighting.Weighting;

/**
 * The whole model as declared: inputs, what the tasks share (a trunk, experts with gates, or
 * cross-stitched columns), the tasks and how their losses are weighted. {@link #validate()} runs at {@code build()}; checks that need the data run at
 * {@code fit()}.
 *
 * <p>Example (built by the DSL):
 *
 * <pre>{@code
 * ModelSpec spec = multiTask()
 *     .input(numeric("x1", "x2"))
 *     .trunk(dense(20), relu())
 *     .task("y").head(dense(1)).loss(mse())
 *     .build()
 *     .spec();
 * }</pre>
 *
 * @param inputs the inputs, in feature order
 * @param sharing the architecture before the heads (default: {@link HardSharing} with no layers,
 *     the heads then read the features)
 * @param tasks the tasks, in order
 * @param weighting how per-task losses are combined (default {@code equal()})
 * @param initializer how dense layers without their own {@code .init(...)} start (default, and
 *     for null, {@link Initializer#DEFAULT}: {@code kaimingNormal()})
 */
public record ModelSpec(List<Input> inputs, Sharing sharing, List<TaskSpec> tasks,
        Weighting weighting, Initializer initializer) {

    /** Copies the lists. */
    public ModelSpec {
        inputs = List.copyOf(inputs);
        tasks = List.copyOf(tasks);
        initializer = initializer == null ? Initializer.DEFAULT : initializer;
        if (sharing == null) {
            throw new IllegalArgumentException(
                    "ModelSpec needs an architecture. Received: sharing=null. Use e.g."
                            + " new HardSharing(List.of()).");
        }
        org.mtl4j.spec.inputs.SharedTables.check(inputs);
    }

    /** A model with the default initializer. */
    public ModelSpec(
            List<Input> inputs, Sharing sharing, List<TaskSpec> tasks, Weighting weighting) {
        this(inputs, sharing, tasks, weighting, Initializer.DEFAULT);
    }

    /** A hard-sharing model with {@code trunk} (possibly empty). */
    public ModelSpec(
            List<Input> inputs, List<Layer> trunk, List<TaskSpec> tasks, Weighting weighting) {
        this(inputs, new HardSharing(trunk), tasks, weighting);
    }

    /** The trunk's layers under hard sharing; empty for the other architectures. */
    public List<Layer> trunk() {
        return sharing instanceof HardSharing hard ? hard.trunk() : List.of();
    }

    /** The task names, in order. */
    public List<String> taskNames() {
        List<String> names = new ArrayList<>();
        for (TaskSpec task : tasks) {
            names.add(task.name());
        }
        return names;
    }

    /**
     * Checks the declaration.
     *
     * @return this spec
     * @throws IllegalArgumentException naming the offending value, what was expected and the fix
     */
    public ModelSpec validate() {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "Model has no inputs. Add one with .input(numeric(\"x1\", \"x2\")).");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(
                    "Model has no tasks. Received: tasks=[]. Add one with"
                            + " .task(\"name\").head(dense(1)).loss(mse()).");
        }
        Set<String> seen = new HashSet<>();
        for (TaskSpec task : tasks) {
            if (!seen.add(task.name())) {
                throw new IllegalArgumentException(
                        "Task '" + task.name() + "' is declared twice. Received: tasks="
                                + taskNames() + ". Give every task its own name.");
            }
            validate(task);
            validateGiven(task, seen);
            for (Input input : inputs) {
                if (input.columns().stream().anyMatch(task.labelColumn()::equalsIgnoreCase)) {
                    throw new IllegalArgumentException(
                            "Task '" + task.name() + "' learns column '" + task.labelColumn()
                                    + "', which is also an input (" + input + "), so the model"
                                    + " would see the answer. Remove it from .input(...).");
                }
            }
        }
        checkInputColumnsOnce();
        LayerShapes.check(this);
        checkPredictionColumns();
        weighting.validate(taskNames());
        if (weighting instanceof TrunkOutputWeighting && !(sharing instanceof HardSharing)) {
            throw new IllegalArgumentException(
                    "Weighting " + weighting + " needs one trunk output shared by every task, but"
                            + " the model gives each task its own representation. Received: "
                            + sharing + ". Use " + ((TrunkOutputWeighting) weighting).strategy()
                            + " on the shared parameters, or declare .trunk(...).");
        }
        return this;
    }

    /** Tablesaw finds columns ignoring case, so "x" and "X" are one column. */
    private void checkInputColumnsOnce() {
        List<String> seen = new ArrayList<>();
        for (Input input : inputs) {
            for (String column : input.columns()) {
                if (seen.stream().anyMatch(column::equalsIgnoreCase)) {
                    throw new IllegalArgumentException(
                            "Column '" + column + "' is an input more than once (Tablesaw column"
                                    + " names ignore case). Received: inputs=" + inputs
                                    + ". Name each column once.");
                }
                seen.add(column);
            }
        }
    }

    /**
     * The predictions table has a column per task ({@code <task>}) and one more per
     * classification task ({@code <task>_probability}); Tablesaw trims column names and ignores
     * their case, so these must differ under those rules.
     */
    private void checkPredictionColumns() {
        List<String> columns = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (TaskSpec task : tasks) {
            List<String> own = task.loss().labelKind().isCategorical()
                    ? List.of(task.name(), task.name() + "_probability")
                    : List.of(task.name());
            for (String column : own) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).trim().equalsIgnoreCase(column.trim())) {
                        throw new IllegalArgumentException(
                                "Tasks '" + owners.get(i) + "' and '" + task.name() + "' would"
                                        + " both write the predictions column '" + column.trim()
                                        + "' (Tablesaw column names ignore case and surrounding"
                                        + " spaces). Received: tasks=" + taskNames() + ". Rename"
                                        + " one task; .label(\"column\") keeps its labels.");
                    }
                }
                columns.add(column);
                owners.add(task.name());
            }
        }
    }

    /** A task that follows another: that one declared before it, both binary with one output. */
    private void validateGiven(TaskSpec task, Set<String> declared) {
        String given = task.given();
        if (given == null) {
            return;
        }
        if (given.equals(task.name()) || !declared.contains(given)) {
            throw new IllegalArgumentException("Task '" + task.name() + "' is given '" + given
                    + "', which is not a task declared before it. Received: tasks="
                    + taskNames() + ". Declare '" + given + "' first, e.g. .task(\"" + given
                    + "\").head(dense(1)).loss(binaryCrossEntropy()), then .task(\""
                    + task.name() + "\")...given(\"" + given + "\").");
        }
        TaskSpec first = tasks.stream().filter(t -> t.name().equals(given)).findFirst()
                .orElseThrow();
        for (TaskSpec binary : List.of(first, task)) {
            if (binary.loss() == null || binary.loss().labelKind() != LabelKind.BINARY
                    || binary.outputs() != 1) {
                throw new IllegalArgumentException("Task '" + task.name() + "' is given '"
                        + given + "', which needs both tasks binary. Received: task '"
                        + binary.name() + "' with " + binary.loss() + " and head "
                        + binary.head() + ". Use .loss(binaryCrossEntropy()) and a head ending"
                        + " in dense(1) for both.");
            }
        }
    }

    private static void validate(TaskSpec task) {
        String name = task.name();
        Loss loss = task.loss();
        if (task.head().isEmpty()) {
            String example = loss != null && loss.labelKind() == LabelKind.CLASSES
                    ? ".head(dense(2)), one output per class"
                    : ".head(dense(1))";
            throw new IllegalArgumentException(
                    "Task '" + name + "' has no head. Received: heads=[]. Add one with "
                            + example + ".");
        }
        if (task.outputs() == 0) {
            List<Layer> fixed = new ArrayList<>(task.head());
            fixed.add(new Dense(1));
            throw new IllegalArgumentException(
                    "Task '" + name + "' head must end with dense(n), the task's outputs."
                            + " Received: head=" + task.head() + ". Add a last layer, e.g. .head("
                            + String.join(", ", fixed.stream().map(Object::toString).toList())
                            + ").");
        }
        if (loss == null) {
            throw new IllegalArgumentException(
                    "Task '" + name + "' has no loss. Add one with .loss(crossEntropy()) for"
                            + " classes or .loss(mse()) for numbers.");
        }
        for (Metric metric : task.metrics()) {
            boolean classes = loss.labelKind().isCategorical();
            boolean twoClasses = loss.labelKind() == LabelKind.BINARY
                    || (loss.labelKind() == LabelKind.CLASSES && task.outputs() == 2);
            if (metric instanceof org.mtl4j.spec.metrics.Auc && classes && !twoClasses) {
                throw new IllegalArgumentException("Task '" + name + "' has metric auc(), which"
                        + " needs two classes. Received: loss " + loss + " with " + task.outputs()
                        + " outputs. Use auc() with binaryCrossEntropy() and dense(1) or"
                        + " crossEntropy() and dense(2); for more classes use accuracy() or"
                        + " macroF1().");
            }
            if (metric.forClasses() != classes) {
                String fix = classes ? "accuracy() or macroF1()" : "mae() or rmse()";
                String kind = classes ? "a classification" : "a regression";
                throw new IllegalArgumentException(
                        "Task '" + name + "' is " + kind + " (" + loss + ") but has metric "
                                + metric + ". Use " + fix + ".");
            }
        }
    }
}
