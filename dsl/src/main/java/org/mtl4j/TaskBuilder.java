package org.mtl4j;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.weighting.Weighting;

/**
 * One task being declared: head, loss, metrics, and optionally a label column other than the task
 * name. It continues the model's chain: {@code .task(...)}, {@code .weighting(...)} and {@code
 * .build()} work here too.
 *
 * <p>Example: {@code .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy())}
 */
public final class TaskBuilder {

    private final ModelBuilder model;
    private final String name;
    private String labelColumn;
    private final List<Layer> head = new ArrayList<>();
    private Loss loss;
    private final List<Metric> metrics = new ArrayList<>();
    private boolean scaleTarget = true;
    private String given;

    TaskBuilder(ModelBuilder model, String name) {
        this.model = model;
        this.name = name;
        this.labelColumn = name;
    }

    /** The head's layers; the last must be {@code dense(n)} with the task's outputs. */
    public TaskBuilder head(Layer... layers) {
        head.addAll(NonNull.list("head", layers, "dense(1)"));
        return this;
    }

    /** The task's loss. */
    public TaskBuilder loss(Loss loss) {
        NonNull.list("loss", new Loss[] {loss}, "mse()");
        this.loss = loss;
        return this;
    }

    /** Adds metrics, reported per epoch. */
    public TaskBuilder metric(Metric... metrics) {
        this.metrics.addAll(NonNull.list("metric", metrics, "accuracy()"));
        return this;
    }

    /** Reads the labels from {@code column} instead of the column named like the task. */
    public TaskBuilder label(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException(
                    "label() needs a column name. Received: label(" + column + ") for task '"
                            + name + "'. Use e.g. label(\"" + name + "\").");
        }
        this.labelColumn = column;
        return this;
    }

    /**
     * Whether a regression task's labels are standardised for training with the training split's
     * mean and standard deviation (default true, like {@code numeric(...)} inputs). Predictions,
     * MAE and RMSE are in the label's units either way; the loss (and a {@code huber(delta)}'s
     * delta) is in standard deviations when scaled, in the label's units when not. Classification
     * tasks ignore it.
     *
     * <p>Example: {@code .task("price").head(dense(1)).loss(mse()).scaleTarget(false)}
     */
    public TaskBuilder scaleTarget(boolean scale) {
        this.scaleTarget = scale;
        return this;
    }

    /**
     * Makes this binary task follow the positive outcome of an earlier binary task, as a
     * conversion follows a click: the head models P(this | given), and the task predicts and
     * is trained, over every row, on P(given and this) = P(given) · P(this | given) (ESMM, Ma et
     * al. 2018, "Entire Space Multi-Task Model"). Its labels are those of "given and this" (a
     * conversion without a click is not one), its {@code _probability} column and metrics are
     * of that joint outcome, and the given task's head learns from both tasks' losses. Both
     * tasks need {@code binaryCrossEntropy()} with a {@code dense(1)} head.
     *
     * <p>Example: {@code .task("click").head(dense(1)).loss(binaryCrossEntropy())
     * .task("conversion").head(dense(1)).loss(binaryCrossEntropy()).given("click")}
     */
    public TaskBuilder given(String task) {
        this.given = task;
        return this;
    }

    /** Starts the next task. */
    public TaskBuilder task(String name) {
        return model.task(name);
    }

    /** Sets the model's weighting strategy. */
    public ModelBuilder weighting(Weighting weighting) {
        return model.weighting(weighting);
    }

    /** Sets how the model's dense layers start; see {@link ModelBuilder#initializer}. */
    public ModelBuilder initializer(org.mtl4j.spec.layers.Initializer initializer) {
        return model.initializer(initializer);
    }

    /** Checks the declaration and returns an untrained model. */
    public MultiTaskModel build() {
        return model.build();
    }

    TaskSpec spec() {
        return new TaskSpec(name, labelColumn, head, loss, metrics, scaleTarget, given);
    }
}
