package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.EmbeddingLayout;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.MixtureOfExperts;
import org.mtl4j.spec.sharing.Sharing;

/**
 * The multi-task network: a {@link SharingBlock} gives each task its representation (a trunk
 * computed once per batch, gated mixtures of experts, or stitched columns) and each task's head
 * reads its own. The output is an {@code NDList} with one array per task, in task order, each of
 * shape (batch, the task's outputs).
 *
 * <p>Example (from a spec, or from blocks of your own in a hand-written DJL loop):
 *
 * <pre>{@code
 * MultiTaskBlock block = MultiTaskBlock.of(spec);            // or:
 * MultiTaskBlock block = new MultiTaskBlock(
 *     MixtureOfExpertsBlock.of(MixtureOfExperts.mmoe(8, List.of(dense(16), relu())), 2),
 *     List.of(Blocks.sequence(List.of(dense(8), relu(), dense(1))),
 *             Blocks.sequence(List.of(dense(8), relu(), dense(1)))));
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, featureCount));
 * NDList outputs = block.forward(parameterStore, new NDList(features), true);
 * }</pre>
 */
@Internal
public final class MultiTaskBlock extends AbstractBlock {

    private final InputEmbeddingBlock inputs;
    private final SharingBlock sharing;
    private final List<Block> heads;
    /**
     * Per task, the earlier task whose positive outcome it follows ({@code .given(...)}), or -1:
     * such a task's output is the logit of the joint outcome ({@link GivenOutcome}).
     */
    private final int[] given;
    private final DenseHeadGroup denseHeads;
    /** Set once every parameter has an array (see {@link #isInitialized()}). */
    private boolean initialized;

    /**
     * @param sharing the shared part, with {@code heads.size()} outputs
     * @param heads one block per task, in task order
     */
    public MultiTaskBlock(SharingBlock sharing, List<Block> heads) {
        this(null, sharing, heads);
    }

    /**
     * @param inputs the embedding tables before the shared part, or null for none (shared
     *     parameters: they come first in {@link #sharedParameters()})
     * @param sharing the shared part, with {@code heads.size()} outputs
     * @param heads one block per task, in task order
     */
    public MultiTaskBlock(InputEmbeddingBlock inputs, SharingBlock sharing, List<Block> heads) {
        if (sharing.tasks() != heads.size()) {
            throw new IllegalArgumentException(
                    "The shared block has " + sharing.tasks() + " outputs but there are "
                            + heads.size() + " heads. Received: tasks=" + sharing.tasks()
                            + ", heads=" + heads.size() + ". Build it for " + heads.size()
                            + " tasks.");
        }
        this.inputs = inputs == null ? null : addChildBlock("inputs", inputs);
        this.sharing = addChildBlock("sharing", sharing);
        List<Block> added = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            added.add(addChildBlock("head" + i, heads.get(i)));
        }
        this.heads = List.copyOf(added);
        this.given = new int[heads.size()];
        java.util.Arrays.fill(this.given, -1);
        this.denseHeads = sharing instanceof HardSharingBlock ? DenseHeadGroup.of(this.heads)
                : null;
    }

    /** The block of a model spec: its architecture, then one head per task. */
    public static MultiTaskBlock of(ModelSpec spec) {
        return of(spec, null);
    }

    /**
     * The block of a model spec whose embedded inputs are laid out as {@code embeddings} says
     * (null or empty: no embedding tables).
     */
    public static MultiTaskBlock of(ModelSpec spec, EmbeddingLayout embeddings) {
        List<Block> heads = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            heads.add(Blocks.sequence(task.head(), spec.initializer()));
        }
        InputEmbeddingBlock inputs = embeddings == null || embeddings.isEmpty() ? null
                : new InputEmbeddingBlock(embeddings);
        MultiTaskBlock block = new MultiTaskBlock(inputs,
                sharing(ImageFront.of(spec), heads.size(), spec.initializer()), heads);
        List<String> names = spec.taskNames();
        for (int t = 0; t < heads.size(); t++) {
            String given = spec.tasks().get(t).given();
            block.given[t] = given == null ? -1 : names.indexOf(given);
        }
        return block;
    }

    /** The block of an architecture for {@code tasks} tasks, with the default initializer. */
    public static SharingBlock sharing(Sharing sharing, int tasks) {
        return sharing(sharing, tasks, Initializer.DEFAULT);
    }

    /**
     * The block of an architecture for {@code tasks} tasks; dense layers and gates without their
     * own initializer start as {@code init} says.
     */
    public static SharingBlock sharing(Sharing sharing, int tasks, Initializer init) {
        if (sharing instanceof MixtureOfExperts experts) {
            return MixtureOfExpertsBlock.of(experts, tasks, init);
        }
        if (sharing instanceof CrossStitch stitch) {
            return CrossStitchBlock.of(stitch, tasks, init);
        }
        return HardSharingBlock.of(((HardSharing) sharing).trunk(), tasks, init);
    }

    /** The shared part: trunk, experts and gates, or stitched columns. */
    public SharingBlock sharing() {
        return sharing;
    }

    /**
     * The trunk under hard sharing: one block whose single output every head reads.
     *
     * @throws IllegalStateException for the other architectures, which give each task its own
     *     representation (use {@link #sharing()})
     */
    public Block trunk() {
        if (sharing instanceof HardSharingBlock hard) {
            return hard.trunk();
        }
        throw new IllegalStateException(
                "This model has no single trunk output: its shared part gives each task its own"
                        + " representation. Received: " + sharing.getClass().getSimpleName()
                        + ". Use sharing(), or declare .trunk(...) for a method that needs the"
                        + " trunk's output (such as .onTrunkOutput()).");
    }

    /** The heads, in task order. */
    public List<Block> heads() {
        return heads;
    }

    /**
     * Every parameter that is not in a head (trunk, experts, gates, cross-stitch units, columns),
     * in forward order: the parameters whose per-task gradients gradient-based weighting strategies
     * compare (trainable ones only: batch norm's running statistics are left out). Empty with an
     * empty trunk.
     */
    public List<Parameter> sharedParameters() {
        List<Parameter> shared = new ArrayList<>();
        if (inputs != null) {
            shared.addAll(inputs.getParameters().values());
        }
        shared.addAll(sharing.getParameters().values());
        // batch norm's running statistics have no gradient: not a parameter to compare
        shared.removeIf(parameter -> !parameter.requiresGradient());
        return shared;
    }

    /**
     * What the shared part reads: the features themselves, or with embedded inputs their numbers
     * and looked-up vectors (see {@link InputEmbeddingBlock}).
     */
    public NDList embedInputs(ParameterStore parameterStore, NDList features, boolean training) {
        return inputs == null ? features : inputs.forward(parameterStore, features, training);
    }

    /**
     * The weights of the last shared layer (GradNorm measures task gradients there); see {@link
     * SharingBlock#lastSharedLayer()}. Under hard sharing it is the trunk's last dense (or
     * convolution) weight, the last parameter with two dimensions or more in {@link
     * #sharedParameters()}.
     */
    public List<Parameter> lastSharedLayer() {
        return sharing.lastSharedLayer();
    }

    /**
     * Number of trainable scalar parameters in {@code block} (after initialisation); batch norm's
     * running means and variances are kept and saved but, as in PyTorch's {@code parameters()},
     * not counted.
     */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                count += parameter.getArray().getShape().size();
            }
        }
        return count;
    }

    /**
     * Whether every parameter has an array. DJL asks before every forward, which lists all the
     * parameters of every nested block (names included); once true it stays true (parameters
     * keep their arrays until the model is closed), so later forwards skip the listing.
     */
    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList embedded = this.inputs == null ? inputs
                : this.inputs.forward(parameterStore, inputs, training, params);
        NDList shared = sharing.forward(parameterStore, embedded, training, params);
        return heads(parameterStore, shared, training, params);
    }

    /**
     * Every head on one representation (the trunk's output, or a leaf standing for it), in task
     * order; heads of one dense layer each run as one matrix product.
     */
    public NDList forwardHeads(ParameterStore parameterStore, NDArray shared, boolean training) {
        NDList representations = new NDList(heads.size());
        for (int t = 0; t < heads.size(); t++) {
            representations.add(shared);
        }
        return heads(parameterStore, representations, training, null);
    }

    /** Head t on representation t; the dense-head group (hard sharing only) in one product. */
    private NDList heads(
            ParameterStore parameterStore,
            NDList representations,
            boolean training,
            PairList<String, Object> params) {
        NDArray[] outputs = new NDArray[heads.size()];
        if (denseHeads != null) {
            denseHeads.forward(parameterStore, representations.get(0), training, outputs);
        }
        for (int t = 0; t < heads.size(); t++) {
            if (outputs[t] == null) {
                outputs[t] = heads.get(t)
                        .forward(parameterStore, new NDList(representations.get(t)), training,
                                params)
                        .singletonOrThrow();
            }
        }
        for (int t = 0; t < outputs.length; t++) {
            if (given[t] >= 0) {
                outputs[t] = GivenOutcome.jointLogit(outputs[given[t]], outputs[t]);
            }
        }
        return new NDList(outputs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (inputs != null) {
            inputShapes = inputs.getOutputShapes(inputShapes);
        }
        Shape[] shared = sharing.getOutputShapes(inputShapes);
        Shape[] outputs = new Shape[heads.size()];
        for (int i = 0; i < heads.size(); i++) {
            outputs[i] = heads.get(i).getOutputShapes(new Shape[] {shared[i]})[0];
        }
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputs != null) {
            inputs.initialize(manager, dataType, inputShapes);
            inputShapes = inputs.getOutputShapes(inputShapes);
        }
        sharing.initialize(manager, dataType, inputShapes);
        Shape[] shared = sharing.getOutputShapes(inputShapes);
        for (int i = 0; i < heads.size(); i++) {
            heads.get(i).initialize(manager, dataType, shared[i]);
        }
    }
}
