package org.mtl4j;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.Sharing;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.Weighting;

/**
 * The fluent start of a model: inputs, what the tasks share, then tasks. Start it with {@link
 * Mtl4j#multiTask()}. The tasks share a trunk ({@code .trunk(...)}, the default, empty), gated
 * experts ({@code .experts(8, dense(16), relu()).gates()}, see {@link ExpertsBuilder}) or
 * cross-stitched columns ({@code .crossStitch(dense(64), relu())}); one of the three.
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
    private boolean trunkDeclared;
    private final List<ExpertsBuilder> experts = new ArrayList<>();
    private final List<CrossStitch> crossStitches = new ArrayList<>();
    private final List<TaskBuilder> tasks = new ArrayList<>();
    private Weighting weighting = new EqualWeighting();
    private Initializer initializer = Initializer.DEFAULT;
    /** For {@code withTask}: the trained model's tasks, architecture and start, else null. */
    private List<org.mtl4j.spec.TaskSpec> kept = List.of();
    private Sharing keptSharing;
    private MultiTaskModel.TrainedStart start;

    ModelBuilder() {}

    /** A builder that adds tasks to the trained model of {@code spec} (see withTask). */
    static ModelBuilder extending(ModelSpec spec, MultiTaskModel.TrainedStart start) {
        ModelBuilder builder = new ModelBuilder();
        builder.inputs.addAll(spec.inputs());
        builder.kept = spec.tasks();
        builder.keptSharing = spec.sharing();
        builder.weighting = spec.weighting();
        builder.initializer = spec.initializer();
        builder.start = start;
        return builder;
    }

    /** withTask() keeps the inputs and the architecture: they cannot change. */
    private void requireNotExtending(String call) {
        if (start != null) {
            throw new IllegalStateException("A model made by withTask() keeps the trained"
                    + " model's inputs and architecture, so it cannot take ." + call + "(...)."
                    + " Received: ." + call + "(...) after withTask(). Declare only the new"
                    + " tasks (and, if needed, .weighting(...)), or build a new model with"
                    + " multiTask().");
        }
    }

    /** Adds inputs (in feature order). */
    public ModelBuilder input(Input... inputs) {
        requireNotExtending("input");
        this.inputs.addAll(NonNull.list("input", inputs, "numeric(\"x1\")"));
        return this;
    }

    /** Appends layers to the shared trunk, which runs once per batch and feeds every head. */
    public ModelBuilder trunk(Layer... layers) {
        requireNotExtending("trunk");
        trunk.addAll(NonNull.list("trunk", layers, "dense(64), relu()"));
        trunkDeclared = true;
        return this;
    }

    /**
     * Declares {@code count} shared experts, each made of {@code layers}; continue with {@code
     * .gates()} (MMoE), {@code .taskExperts(n).gates()} (CGC), {@code .levels(n)} (PLE) or {@code
     * .sharedGate()} (OMoE). Replaces the trunk: use one or the other.
     *
     * <p>Example: {@code .experts(8, dense(16), relu()).gates()}
     */
    public ExpertsBuilder experts(int count, Layer... layers) {
        requireNotExtending("experts");
        ExpertsBuilder builder = new ExpertsBuilder(this, count,
                NonNull.list("experts", layers, "dense(16), relu()"));
        experts.add(builder);
        return builder;
    }

    /**
     * Gives every task a column of {@code layers}, mixed after each {@code dense(n)} stage by a
     * learnable cross-stitch unit (Misra et al. 2016) that starts at 0.9 on the diagonal. Replaces
     * the trunk: use one or the other.
     *
     * <p>Example: {@code .crossStitch(dense(64), relu(), dense(32), relu())}
     */
    public ModelBuilder crossStitch(Layer... layers) {
        return crossStitch(CrossStitch.DEFAULT_SELF_WEIGHT, layers);
    }

    /** Cross-stitch with units that start at {@code selfWeight} on the diagonal (default 0.9). */
    public ModelBuilder crossStitch(double selfWeight, Layer... layers) {
        requireNotExtending("crossStitch");
        crossStitches.add(new CrossStitch(
                NonNull.list("crossStitch", layers, "dense(64), relu()"), selfWeight));
        return this;
    }

    /** Starts a task whose labels are in the column named {@code name}. */
    public TaskBuilder task(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "task() needs a name. Received: task(" + (name == null ? "null" : "\"" + name
                            + "\"") + "). Use the label column's name, e.g. task(\"sentiment\").");
        }
        if (!name.equals(name.trim())) {
            throw new IllegalArgumentException(
                    "Task '" + name + "' has spaces around its name, but Tablesaw trims column"
                            + " names, so its predictions column would be '" + name.trim()
                            + "'. Received: task(\"" + name + "\"). Use task(\"" + name.trim()
                            + "\").");
        }
        if (kept.stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("Task '" + name + "' is already a task of the"
                    + " trained model. Received: withTask(\"" + name + "\"), tasks="
                    + kept.stream().map(org.mtl4j.spec.TaskSpec::name).toList() + ". Give the"
                    + " new task another name; .label(\"" + name + "\") reads the same column.");
        }
        TaskBuilder task = new TaskBuilder(this, name);
        tasks.add(task);
        return task;
    }

    /**
     * How every dense layer (trunk, experts, gates, columns, heads) starts unless it has its own
     * {@code dense(n).init(...)}; default {@code kaimingNormal()}, DJL's. See {@link Initializer}
     * for the formulas.
     *
     * <p>Example: {@code multiTask().initializer(pytorchDefault())} to start like PyTorch.
     */
    public ModelBuilder initializer(Initializer initializer) {
        if (initializer == null) {
            throw new IllegalArgumentException(
                    "initializer() needs an initializer. Received: initializer(null). Use e.g."
                            + " initializer(pytorchDefault()), or leave it out for the default"
                            + " kaimingNormal().");
        }
        this.initializer = initializer;
        return this;
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

    /**
     * The declaration as an immutable spec; only the architecture is checked here (the rest at
     * {@link #build()}).
     *
     * @throws IllegalArgumentException for more than one architecture or experts without gates
     */
    public ModelSpec spec() {
        List<org.mtl4j.spec.TaskSpec> all = new ArrayList<>(kept);
        tasks.stream().map(TaskBuilder::spec).forEach(all::add);
        return new ModelSpec(inputs, keptSharing != null ? keptSharing : sharing(), all,
                weighting, initializer);
    }

    private Sharing sharing() {
        List<String> declared = new ArrayList<>();
        if (trunkDeclared) {
            declared.add(new HardSharing(trunk).toString());
        }
        experts.forEach(e -> declared.add(e.describe()));
        crossStitches.forEach(c -> declared.add(c.toString()));
        if (declared.size() > 1) {
            throw new IllegalArgumentException(
                    "The model declares more than one shared architecture. Received: "
                            + String.join(" and ", declared) + ". Keep one: .trunk(...) for hard"
                            + " sharing, .experts(...).gates() for a mixture of experts, or"
                            + " .crossStitch(...) for cross-stitch columns.");
        }
        if (!experts.isEmpty()) {
            return experts.get(0).spec();
        }
        if (!crossStitches.isEmpty()) {
            return crossStitches.get(0);
        }
        return new HardSharing(trunk);
    }

    /**
     * Checks the declaration and returns an untrained model.
     *
     * @throws IllegalArgumentException naming what is wrong and how to fix it
     */
    public MultiTaskModel build() {
        return new MultiTaskModel(spec().validate(), start);
    }
}
