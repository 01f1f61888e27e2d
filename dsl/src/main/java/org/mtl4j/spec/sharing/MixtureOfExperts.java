package org.mtl4j.spec.sharing;

import java.util.List;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;

/**
 * Experts mixed by softmax gates. One spec covers four published architectures:
 *
 * <ul>
 *   <li><b>MMoE</b> (Ma et al. 2018, "Modeling Task Relationships in Multi-task Learning with
 *       Multi-gate Mixture-of-Experts", KDD): {@code experts} shared experts and one gate per task,
 *       a {@code Linear(input → experts)} with a softmax; task t reads Σ_e g_te(x)·expert_e(x).
 *       DSL: {@code .experts(8, dense(16), relu()).gates()}.
 *   <li><b>OMoE</b> (the same paper's baseline): one gate shared by all tasks. DSL: {@code
 *       .experts(8, dense(16), relu()).sharedGate()}.
 *   <li><b>CGC</b> (Tang et al. 2020, "Progressive Layered Extraction (PLE): A Novel Multi-Task
 *       Learning (MTL) Model for Personalized Recommendations", RecSys): shared experts plus
 *       {@code taskExperts} experts of each task; task t's gate mixes its own and the shared
 *       experts. DSL: {@code .experts(4, dense(16), relu()).taskExperts(2).gates()}.
 *   <li><b>PLE</b> (same paper): {@code levels} stacked CGC levels; every level but the last also
 *       has a shared gate over all its experts, whose mixture feeds the next level's shared
 *       experts, while task t's mixture feeds task t's experts and gate. DSL: {@code .experts(4,
 *       dense(16), relu()).taskExperts(2).levels(2).gates()}.
 * </ul>
 *
 * Every expert has the same layers (each level's experts read the previous level's output).
 * Defaults: {@code taskExperts = 0}, {@code levels = 1}, gates per task.
 *
 * <p>Initialisation: the experts' dense layers follow the model's {@link Initializer} (or their
 * own {@code dense(n).init(...)}); each gate is a {@code Linear(input → experts)} that follows
 * {@code gateInit} if set ({@code .experts(8, dense(16), relu()).gateInit(normal(0, 0.01))
 * .gates()}), else the model's initializer, so under the default (He-normal weights, zero biases)
 * the initial gate softmax is not uniform; {@code gateInit(normal(0, 1e-4))} starts the gates
 * close to uniform.
 *
 * <p>Example: {@code multiTask().input(numeric("x")).experts(8, dense(16), relu()).gates()} (MMoE:
 * 8 shared experts, a gate per task), {@code .experts(4, dense(16), relu()).taskExperts(2)
 * .levels(2).gates()} (PLE)
 *
 * @param experts number of shared experts per level, at least 1
 * @param expert the layers of one expert; must contain a {@code dense(n)}
 * @param taskExperts experts per task per level (0 for MMoE/OMoE)
 * @param levels number of extraction levels (1 for MMoE/OMoE/CGC)
 * @param gatePerTask one gate per task (true) or one gate shared by all tasks (OMoE)
 * @param gateInit the gates' initializer, or null for the model's
 */
public record MixtureOfExperts(int experts, List<Layer> expert, int taskExperts, int levels,
        boolean gatePerTask, Initializer gateInit) implements Sharing {

    /** Validates the arguments, naming the offending value. */
    public MixtureOfExperts {
        expert = List.copyOf(expert);
        String call = "experts" + Layers.arguments(String.valueOf(experts), expert);
        if (experts < 1) {
            throw new IllegalArgumentException(
                    "experts() needs at least 1 expert. Received: " + call
                            + ". Use e.g. experts(8, dense(16), relu()).");
        }
        if (!Layers.hasDense(expert)) {
            throw new IllegalArgumentException(
                    "Each expert needs a dense(n) layer. Received: " + call
                            + ". Use e.g. experts(" + experts + ", dense(16), relu()).");
        }
        if (taskExperts < 0) {
            throw new IllegalArgumentException(
                    "taskExperts() cannot be negative. Received: taskExperts(" + taskExperts
                            + "). Use 0 for MMoE or e.g. taskExperts(2) for CGC.");
        }
        if (levels < 1) {
            throw new IllegalArgumentException(
                    "levels() needs at least 1 level. Received: levels(" + levels
                            + "). Use 1 for CGC or e.g. levels(2) for PLE.");
        }
        if (!gatePerTask && (taskExperts > 0 || levels > 1)) {
            throw new IllegalArgumentException(
                    "sharedGate() mixes shared experts in one level only. Received: taskExperts("
                            + taskExperts + "), levels(" + levels + "). Use .gates() for CGC and"
                            + " PLE, or drop .taskExperts(...) and .levels(...).");
        }
    }

    /** Experts whose gates follow the model's initializer. */
    public MixtureOfExperts(
            int experts, List<Layer> expert, int taskExperts, int levels, boolean gatePerTask) {
        this(experts, expert, taskExperts, levels, gatePerTask, null);
    }

    /** MMoE with {@code experts} experts of {@code layers}. */
    public static MixtureOfExperts mmoe(int experts, List<Layer> layers) {
        return new MixtureOfExperts(experts, layers, 0, 1, true);
    }

    /** Experts mixed by each task's gate at the last level: task and shared experts. */
    public int expertsPerGate() {
        return experts + taskExperts;
    }

    @Override
    public String kind() {
        if (!gatePerTask) {
            return "OMoE";
        }
        if (levels > 1) {
            return "PLE";
        }
        return taskExperts > 0 ? "CGC" : "MMoE";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("experts")
                .append(Layers.arguments(String.valueOf(experts), expert));
        if (taskExperts > 0) {
            text.append(".taskExperts(").append(taskExperts).append(')');
        }
        if (levels > 1) {
            text.append(".levels(").append(levels).append(')');
        }
        if (gateInit != null) {
            text.append(".gateInit(").append(gateInit).append(')');
        }
        return text.append(gatePerTask ? ".gates()" : ".sharedGate()").toString();
    }
}
