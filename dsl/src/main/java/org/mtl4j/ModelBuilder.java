package org.mtl4j;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.Input;
import org.mtl4j.spec.Layer;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.Weighting;

/**
 * The fluent start of a model: inputs, the shared trunk, then tasks. Start it with {@link
 * Mtl4j#multiTask()}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * MultiTaskModel model = multiTask()
 *     .input(numeric("x1", "x2"), categorical("island"))
 *     .trunk(dense(64), relu(), dense(32), relu())
 *     .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())
 *     .task("body_mass_g").head(dense(1)).loss(mse()).metric(mae())
 *     .build();
 * }</pre>
 */
public final class ModelBuilder {

    private final List<Input> inputs = new ArrayList<>();
    private final List<Layer> trunk = new ArrayList<>();
    private final List<TaskBuilder> tasks = new ArrayList<>();
    private Weighting weighting = new EqualWeighting();

    ModelBuilder() {}

    /** Adds inputs (in feature order). */
    public ModelBuilder input(Input... inputs) {
        this.inputs.addAll(NonNull.list("input", inputs, "numeric(\"x1\")"));
        return this;
    }

    /** Appends layers to the shared trunk, which runs once per batch and feeds every head. */
    public ModelBuilder trunk(Layer... layers) {
        trunk.addAll(NonNull.list("trunk", layers, "dense(64), relu()"));
        return this;
    }

    /** Starts a task whose labels are in the column named {@code name}. */
    public TaskBuilder task(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "task() needs a name. Received: task(" + (name == null ? "null" : "\"" + name
                            + "\"") + "). Use the label column's name, e.g. task(\"sentiment\").");
        }
        TaskBuilder task = new TaskBuilder(this, name);
        tasks.add(task);
        return task;
    }

    /** How the task losses are weighted (default {@code equal()}). */
    public ModelBuilder weighting(Weighting weighting) {
        if (weighting == null) {
            throw new IllegalArgumentException(
                    "weighting() needs a strategy. Received: weighting(null). Use e.g."
                            + " weighting(equal()).");
        }
        this.weighting = weighting;
        return this;
    }

    /** The declaration as an immutable spec, unchecked. */
    public ModelSpec spec() {
        return new ModelSpec(inputs, trunk, tasks.stream().map(TaskBuilder::spec).toList(),
                weighting);
    }

    /**
     * Checks the declaration and returns an untrained model.
     *
     * @throws IllegalArgumentException naming what is wrong and how to fix it
     */
    public MultiTaskModel build() {
        return new MultiTaskModel(spec().validate());
    }
}
