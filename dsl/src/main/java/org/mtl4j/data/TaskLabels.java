package org.mtl4j.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.LabelKind;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.StringColumnType;

/**
 * A task's label column, checked against its loss and head, with the class list kept for
 * classification (sorted: numerically for number columns, else alphabetically).
 *
 * <p>Example:
 *
 * <pre>{@code
 * TaskLabels labels = TaskLabels.fit(task, table);   // e.g. classes [neg, pos]
 * LabelValues train = labels.encode(table, split.train());
 * }</pre>
 */
public final class TaskLabels {

    private final TaskSpec task;
    private final List<String> classes;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final TargetScale scale;

    private TaskLabels(TaskSpec task, List<String> classes, TargetScale scale) {
        this.task = task;
        this.classes = classes;
        this.scale = scale;
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
    }

    /**
     * Checks the task's label column in {@code table} and learns its classes from all rows.
     *
     * @throws IllegalArgumentException if the column is missing, of the wrong type for the loss,
     *     has no label at all, has a regression label outside float32's safe range (see {@link
     *     Float32Range}), or does not match the head's output size
     */
    public static TaskLabels fit(TaskSpec task, Table table) {
        return fit(task, table, Split.allRows(table.rowCount()));
    }

    /**
     * As {@link #fit(TaskSpec, Table)}, with a regression target's scale (see {@link
     * TargetScale}) learnt from {@code trainRows} unless the task turns scaling off.
     */
    public static TaskLabels fit(TaskSpec task, Table table, int[] trainRows) {
        Column<?> column = labelColumn(task, table);
        int labelled = column.size() - column.countMissing();
        if (labelled == 0) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' has no labels: column '" + column.name()
                            + "' is missing in all " + column.size()
                            + " rows. Fill the column or remove the task.");
        }
        LabelKind kind = task.loss().labelKind();
        if (kind == LabelKind.NUMBER) {
            Float32Range.checkLabels(task, (NumberColumn<?, ?>) column);
        }
        List<String> classes = kind.isCategorical() ? Levels.of(column, Split.allRows(column.size()))
                : List.of();
        checkClasses(task, column, classes);
        checkHead(task, classes);
        TargetScale scale = kind == LabelKind.NUMBER && task.scaleTarget()
                ? TargetScale.fit((NumberColumn<?, ?>) column, trainRows)
                : TargetScale.NONE;
        return new TaskLabels(task, classes, scale);
    }

    /**
     * Checks that {@code schema} (a table with the columns, rows or not) has the task's label
     * column, of a type its loss can learn, with the messages {@link #fit} gives.
     *
     * @throws IllegalArgumentException naming the missing or mistyped column and the fix
     */
    public static void checkColumn(TaskSpec task, Table schema) {
        labelColumn(task, schema);
    }

    /**
     * Labels with saved classes and target scale (a loaded model's).
     *
     * @throws IllegalArgumentException if the classes do not fit the task's head
     */
    public static TaskLabels restore(TaskSpec task, List<String> classes, TargetScale scale) {
        checkHead(task, List.copyOf(classes));
        return new TaskLabels(task, List.copyOf(classes), scale);
    }

    /** How the labels are standardised for training ({@link TargetScale#NONE} for classes). */
    public TargetScale scale() {
        return scale;
    }

    /** The task. */
    public TaskSpec task() {
        return task;
    }

    /** The classes in index order (empty for a regression). */
    public List<String> classes() {
        return classes;
    }

    /**
     * Encodes the labels of {@code rows}.
     *
     * @throws IllegalArgumentException for a class the model never saw or a value out of range
     */
    public LabelValues encode(Table table, int[] rows) {
        Column<?> column = labelColumn(task, table);
        float[] values = new float[rows.length];
        boolean[] present = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int row = rows[r];
            if (column.isMissing(row)) {
                continue;
            }
            present[r] = true;
            values[r] = classes.isEmpty()
                    ? (float) scale.apply(number(column, row))
                    : classIndex(column, row);
        }
        return new LabelValues(values, present);
    }

    private float classIndex(Column<?> column, int row) {
        String label = column.getUnformattedString(row);
        Integer index = classIndex.get(label);
        if (index == null) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' has label '" + label + "' in row " + row
                            + ", a class the model never saw in training. Known classes: "
                            + classes + ". Remove those rows or train a new model on data that"
                            + " includes them.");
        }
        return index;
    }

    private double number(Column<?> column, int row) {
        return Float32Range.label(task, (NumberColumn<?, ?>) column, row);
    }

    private static Column<?> labelColumn(TaskSpec task, Table table) {
        Column<?> column = Columns.find(
                table, task.labelColumn(), "the labels of task '" + task.name() + "'");
        LabelKind kind = task.loss().labelKind();
        boolean numeric = column instanceof NumberColumn<?, ?>;
        boolean categorical = isCategorical(column);
        if (kind == LabelKind.NUMBER && !numeric) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' uses " + task.loss() + ", which needs a numeric"
                            + " label column, but column '" + column.name() + "' is "
                            + column.type().name() + ". Use crossEntropy() to predict"
                            + " categories.");
        }
        if (kind.isCategorical() && !categorical) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' uses " + task.loss() + ", which needs a"
                            + " categorical label column (strings, booleans or integers), but"
                            + " column '" + column.name() + "' is " + column.type().name()
                            + ". Use mse(), l1() or huber() to predict a number, or turn the"
                            + " column into categories first.");
        }
        return column;
    }

    private static boolean isCategorical(Column<?> column) {
        ColumnType type = column.type();
        return type instanceof StringColumnType
                || type == ColumnType.BOOLEAN
                || type == ColumnType.INTEGER
                || type == ColumnType.SHORT
                || type == ColumnType.LONG;
    }

    private static void checkClasses(TaskSpec task, Column<?> column, List<String> classes) {
        LabelKind kind = task.loss().labelKind();
        if (kind == LabelKind.BINARY && classes.size() != 2) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' uses binaryCrossEntropy(), which needs exactly 2"
                            + " classes, but column '" + column.name() + "' has "
                            + classes.size() + ": " + classes + ". Use crossEntropy() with"
                            + " .head(dense(" + classes.size() + ")).");
        }
        if (kind == LabelKind.CLASSES && classes.size() < 2) {
            throw new IllegalArgumentException(
                    "Task '" + task.name() + "' uses crossEntropy(), which needs at least 2"
                            + " classes, but column '" + column.name() + "' has "
                            + classes.size() + ": " + classes
                            + ". Check the column or remove the task.");
        }
    }

    private static void checkHead(TaskSpec task, List<String> classes) {
        int expected = task.loss().expectedOutputs(classes.size());
        int outputs = task.outputs();
        if (outputs == expected) {
            return;
        }
        String what = switch (task.loss().labelKind()) {
            case CLASSES -> "has " + classes.size() + " classes " + classes
                    + ", so its head must output " + expected + " values";
            case BINARY -> "uses binaryCrossEntropy(), so its head must output 1 logit";
            case NUMBER -> "predicts a number with " + task.loss()
                    + ", so its head must output 1 value";
        };
        throw new IllegalArgumentException(
                "Task '" + task.name() + "' " + what + ", but it outputs " + outputs + " (dense("
                        + outputs + ")). Use .head(dense(" + expected + ")) as its last layer.");
    }
}
