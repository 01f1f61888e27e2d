package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.sharing.MixtureOfExperts;

/**
 * One level of experts and softmax gates (an MMoE layer, or a CGC level of Tang et al. 2020). It
 * reads {@code tasks + 1} arrays (each task's input, then the shared input) and returns each
 * task's mixture, then, if it has a shared gate, the shared mixture. The forward pass computes,
 * and the children are added in, this order: the task gates, the shared gate, each task's experts,
 * the shared experts. So the last two-dimensional parameter is the last shared expert's last dense
 * weight, a layer every task's loss reaches (GradNorm's "last shared layer").
 */
final class ExtractionLevel extends AbstractBlock {

    private final int tasks;
    private final boolean gatePerTask;
    private final List<Block> shared = new ArrayList<>();
    private final List<List<Block>> own = new ArrayList<>();
    private final List<Block> gates = new ArrayList<>();
    private final Block sharedGate;

    /** What a level computed: the mixtures and every gate's weights (task gates, shared gate). */
    record Mixtures(NDList outputs, List<NDArray> gates) {}

    ExtractionLevel(MixtureOfExperts spec, int tasks, boolean withSharedGate, Initializer init) {
        Initializer gateInit = spec.gateInit() != null ? spec.gateInit() : init;
        this.tasks = tasks;
        this.gatePerTask = spec.gatePerTask();
        for (int t = 0; t < tasks; t++) {
            own.add(new ArrayList<>());
        }
        int gateCount = gatePerTask ? tasks : 1;
        for (int t = 0; t < tasks; t++) {
            for (int e = 0; e < spec.taskExperts(); e++) {
                own.get(t).add(Blocks.sequence(spec.expert(), init));
            }
        }
        for (int e = 0; e < spec.experts(); e++) {
            shared.add(Blocks.sequence(spec.expert(), init));
        }
        // children in forward order: gates, shared gate, task experts, shared experts
        for (int g = 0; g < gateCount; g++) {
            gates.add(addChildBlock("gate" + g, gate(candidates(g).size(), gateInit)));
        }
        sharedGate = withSharedGate
                ? addChildBlock("sharedGate", gate(candidates(tasks).size(), gateInit))
                : null;
        for (int t = 0; t < tasks; t++) {
            for (int e = 0; e < own.get(t).size(); e++) {
                addChildBlock("task" + t + "expert" + (e + 1), own.get(t).get(e));
            }
        }
        for (int e = 0; e < shared.size(); e++) {
            addChildBlock("shared" + (e + 1), shared.get(e));
        }
    }

    private static Block gate(int experts, Initializer init) {
        return DenseInit.linear(experts, init);
    }

    /** The shared experts (the last level's are the last shared layer). */
    List<Block> sharedExperts() {
        return shared;
    }

    /**
     * The experts gate {@code g} mixes: task g's own experts then the shared ones; {@code g ==
     * tasks} is the shared gate (every task's experts, then the shared ones). A single shared gate
     * (OMoE) is gate 0 and mixes the shared experts.
     */
    List<Expert> candidates(int g) {
        List<Expert> experts = new ArrayList<>();
        int owners = gatePerTask ? (g == tasks ? tasks : 1) : 0;
        for (int o = 0; o < owners; o++) {
            int task = g == tasks ? o : g;
            for (int e = 0; e < own.get(task).size(); e++) {
                experts.add(new Expert(task, e + 1));
            }
        }
        for (int e = 0; e < shared.size(); e++) {
            experts.add(new Expert(-1, e + 1));
        }
        return experts;
    }

    boolean hasSharedGate() {
        return sharedGate != null;
    }

    Mixtures mix(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray sharedInput = inputs.get(tasks);
        List<NDArray> gateWeights = new ArrayList<>();
        for (int g = 0; g < gates.size(); g++) {
            gateWeights.add(softmax(gates.get(g), gatePerTask ? inputs.get(g) : sharedInput,
                    store, training, params));
        }
        if (sharedGate != null) {
            gateWeights.add(softmax(sharedGate, sharedInput, store, training, params));
        }
        List<List<NDArray>> ownOut = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            ownOut.add(run(own.get(t), inputs.get(t), store, training, params));
        }
        List<NDArray> sharedOut = run(shared, sharedInput, store, training, params);
        NDList outputs = new NDList();
        if (!gatePerTask) {
            NDArray mixture = mixture(gateWeights.get(0), sharedOut);
            for (int t = 0; t < tasks; t++) {
                outputs.add(mixture);
            }
            return new Mixtures(outputs, gateWeights);
        }
        List<NDArray> all = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<NDArray> candidates = new ArrayList<>(ownOut.get(t));
            all.addAll(ownOut.get(t));
            candidates.addAll(sharedOut);
            outputs.add(mixture(gateWeights.get(t), candidates));
        }
        if (sharedGate != null) {
            all.addAll(sharedOut);
            outputs.add(mixture(gateWeights.get(tasks), all));
        }
        return new Mixtures(outputs, gateWeights);
    }

    private static List<NDArray> run(List<Block> experts, NDArray input, ParameterStore store,
            boolean training, PairList<String, Object> params) {
        List<NDArray> outputs = new ArrayList<>();
        for (Block expert : experts) {
            outputs.add(expert.forward(store, new NDList(input), training, params)
                    .singletonOrThrow());
        }
        return outputs;
    }

    private static NDArray softmax(Block gate, NDArray input, ParameterStore store,
            boolean training, PairList<String, Object> params) {
        return gate.forward(store, new NDList(input), training, params).singletonOrThrow()
                .softmax(1);
    }

    /** Σ_e weights[:, e] · experts[e]: (batch, n) weights over n arrays (batch, width). */
    private static NDArray mixture(NDArray weights, List<NDArray> experts) {
        NDArray stacked = NDArrays.stack(new NDList(experts), 1);
        return weights.expandDims(2).mul(stacked).sum(new int[] {1});
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return mix(store, inputs, training, params).outputs();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape width = shared.get(0).getOutputShapes(new Shape[] {inputShapes[tasks]})[0];
        Shape[] outputs = new Shape[tasks + (sharedGate != null ? 1 : 0)];
        java.util.Arrays.fill(outputs, width);
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        for (Block expert : shared) {
            expert.initialize(manager, dataType, shapes[tasks]);
        }
        for (int t = 0; t < tasks; t++) {
            for (Block expert : own.get(t)) {
                expert.initialize(manager, dataType, shapes[t]);
            }
        }
        for (int g = 0; g < gates.size(); g++) {
            gates.get(g).initialize(manager, dataType, gatePerTask ? shapes[g] : shapes[tasks]);
        }
        if (sharedGate != null) {
            sharedGate.initialize(manager, dataType, shapes[tasks]);
        }
    }
}
