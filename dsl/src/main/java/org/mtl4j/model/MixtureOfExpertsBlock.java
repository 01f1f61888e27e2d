package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.sharing.MixtureOfExperts;

/**
 * Experts mixed by softmax gates: MMoE (Ma et al. 2018, KDD), OMoE (its one-gate baseline), CGC
 * and PLE (Tang et al. 2020, RecSys); see {@link MixtureOfExperts} for the definitions and the
 * defaults. Each level is a set of experts and gates; levels before the last also have a shared
 * gate whose mixture feeds the next level's shared experts.
 *
 * <p>Example (MMoE of the paper's synthetic experiment: 8 experts Linear(100, 16) + ReLU, a
 * softmax gate Linear(100, 8) per task):
 *
 * <pre>{@code
 * MixtureOfExpertsBlock mmoe = MixtureOfExpertsBlock.of(
 *     MixtureOfExperts.mmoe(8, List.of(dense(16), relu())), 2);
 * mmoe.initialize(manager, DataType.FLOAT32, new Shape(1, 100));
 * NDList perTask = mmoe.forward(store, new NDList(x), true);        // 2 × (batch, 16)
 * List<GateWeights> gates = mmoe.gateWeights(store, new NDList(x)); // 2 × (batch, 8)
 * }</pre>
 */
public final class MixtureOfExpertsBlock extends SharingBlock {

    private final MixtureOfExperts spec;
    private final int tasks;
    private final List<ExtractionLevel> levels = new ArrayList<>();

    private MixtureOfExpertsBlock(MixtureOfExperts spec, int tasks, Initializer init) {
        if (tasks < 1) {
            throw new IllegalArgumentException("A multi-task block needs at least 1 task."
                    + " Received: tasks=" + tasks + ". Pass the number of heads.");
        }
        this.spec = spec;
        this.tasks = tasks;
        for (int l = 0; l < spec.levels(); l++) {
            boolean inner = l < spec.levels() - 1;
            levels.add(addChildBlock("level" + (l + 1),
                    new ExtractionLevel(spec, tasks, inner, init)));
        }
    }

    /** The block of {@code spec} for {@code tasks} tasks. */
    public static MixtureOfExpertsBlock of(MixtureOfExperts spec, int tasks) {
        return of(spec, tasks, Initializer.DEFAULT);
    }

    /**
     * The block of {@code spec} for {@code tasks} tasks; experts' dense layers start as their own
     * or {@code init} says, gates as {@code spec.gateInit()} or else {@code init}.
     */
    public static MixtureOfExpertsBlock of(MixtureOfExperts spec, int tasks, Initializer init) {
        return new MixtureOfExpertsBlock(spec, tasks, init);
    }

    /** The architecture. */
    public MixtureOfExperts spec() {
        return spec;
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public List<Parameter> lastSharedLayer() {
        List<Parameter> weights = new ArrayList<>();
        for (Block expert : levels.get(levels.size() - 1).sharedExperts()) {
            weights.addAll(lastMatrix(expert));
        }
        return weights;
    }

    /**
     * Every gate's softmax weights for {@code inputs} (level by level; per level the task gates in
     * task order, then the shared gate if any).
     */
    public List<GateWeights> gateWeights(ParameterStore store, NDList inputs) {
        List<GateWeights> result = new ArrayList<>();
        NDList current = spread(inputs.singletonOrThrow());
        for (int l = 0; l < levels.size(); l++) {
            ExtractionLevel level = levels.get(l);
            ExtractionLevel.Mixtures mixtures = level.mix(store, current, false, new PairList<>());
            List<NDArray> gates = mixtures.gates();
            for (int g = 0; g < gates.size(); g++) {
                boolean shared = !spec.gatePerTask() || g == tasks;
                result.add(new GateWeights(l + 1, shared ? -1 : g, level.candidates(g),
                        gates.get(g)));
            }
            current = mixtures.outputs();
        }
        return result;
    }

    /** Level 1 reads the features as every task's input and as the shared input. */
    private NDList spread(NDArray features) {
        NDArray[] inputs = new NDArray[tasks + 1];
        Arrays.fill(inputs, features);
        return new NDList(inputs);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList current = spread(inputs.singletonOrThrow());
        for (ExtractionLevel level : levels) {
            current = level.forward(store, current, training, params);
        }
        return current;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] current = spreadShapes(inputShapes[0]);
        for (ExtractionLevel level : levels) {
            current = level.getOutputShapes(current);
        }
        return current;
    }

    private Shape[] spreadShapes(Shape features) {
        Shape[] shapes = new Shape[tasks + 1];
        Arrays.fill(shapes, features);
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape[] current = spreadShapes(shapes[0]);
        for (ExtractionLevel level : levels) {
            level.initialize(manager, dataType, current);
            current = level.getOutputShapes(current);
        }
    }
}
