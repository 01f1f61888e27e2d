package org.mtl4j;

import java.util.List;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.MixtureOfExperts;

/**
 * Experts being declared, started by {@link ModelBuilder#experts}; end it with {@link #gates()}
 * (one softmax gate per task) or {@link #sharedGate()} (one gate for all tasks).
 *
 * <p>Examples (defaults: no task experts, one level):
 *
 * <pre>{@code
 * .experts(8, dense(16), relu()).gates()                          // MMoE (Ma et al. 2018)
 * .experts(8, dense(16), relu()).sharedGate()                     // OMoE, its baseline
 * .experts(4, dense(16), relu()).taskExperts(2).gates()           // CGC (Tang et al. 2020)
 * .experts(4, dense(16), relu()).taskExperts(2).levels(2).gates() // PLE (Tang et al. 2020)
 * .experts(8, dense(16), relu()).gateInit(normal(0, 1e-4)).gates() // near-uniform gates
 * }</pre>
 *
 * The values are checked at {@code build()}; see {@link MixtureOfExperts}.
 */
public final class ExpertsBuilder {

    private final ModelBuilder model;
    private final int experts;
    private final List<Layer> layers;
    private int taskExperts;
    private int levels = 1;
    private Boolean gatePerTask;
    private Initializer gateInit;

    ExpertsBuilder(ModelBuilder model, int experts, List<Layer> layers) {
        this.model = model;
        this.experts = experts;
        this.layers = List.copyOf(layers);
    }

    /** Adds {@code count} experts of the same layers to every task (CGC, PLE; default 0). */
    public ExpertsBuilder taskExperts(int count) {
        this.taskExperts = count;
        return this;
    }

    /** Stacks {@code count} levels of experts and gates (PLE; default 1). */
    public ExpertsBuilder levels(int count) {
        this.levels = count;
        return this;
    }

    /**
     * How the gates' weights and biases start (default: the model's initializer, see {@link
     * Initializer}).
     *
     * <p>Example: {@code .experts(8, dense(16), relu()).gateInit(xavierUniform()).gates()}
     */
    public ExpertsBuilder gateInit(Initializer initializer) {
        if (initializer == null) {
            throw new IllegalArgumentException(
                    "gateInit() needs an initializer. Received: gateInit(null). Use e.g."
                            + " gateInit(normal(0, 0.01)), or leave it out to use the model's.");
        }
        this.gateInit = initializer;
        return this;
    }

    /** One softmax gate per task over its experts: MMoE, or CGC/PLE with task experts. */
    public ModelBuilder gates() {
        gatePerTask = true;
        return model;
    }

    /** One softmax gate shared by all tasks (OMoE, the MMoE paper's baseline). */
    public ModelBuilder sharedGate() {
        gatePerTask = false;
        return model;
    }

    /** Starts a task (the gates must be declared first; build() says so otherwise). */
    public TaskBuilder task(String name) {
        return model.task(name);
    }

    /** Checks the declaration and returns an untrained model. */
    public MultiTaskModel build() {
        return model.build();
    }

    /**
     * The checked spec.
     *
     * @throws IllegalArgumentException naming the offending value and the fix
     */
    MixtureOfExperts spec() {
        if (gatePerTask == null) {
            throw new IllegalArgumentException(
                    describe() + " has no gates. Received: gates=none. Add .gates() for one"
                            + " softmax gate per task (MMoE; CGC or PLE with .taskExperts(n)), or"
                            + " .sharedGate() for one gate shared by all tasks (OMoE).");
        }
        return new MixtureOfExperts(experts, layers, taskExperts, levels, gatePerTask,
                gateInit);
    }

    /** The call as written, e.g. {@code experts(8, dense(16), relu())}. */
    String describe() {
        StringBuilder text = new StringBuilder("experts(").append(experts);
        for (Layer layer : layers) {
            text.append(", ").append(layer);
        }
        return text.append(')').toString();
    }
}
