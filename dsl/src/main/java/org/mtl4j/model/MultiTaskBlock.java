package org.mtl4j.model;

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
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;

/**
 * The shared-bottom network: the trunk runs once per batch and its output feeds every head. The
 * output is an {@code NDList} with one array per task, in task order, each of shape (batch, the
 * task's outputs).
 *
 * <p>Example:
 *
 * <pre>{@code
 * MultiTaskBlock block = MultiTaskBlock.of(spec);
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, featureCount));
 * NDList outputs = block.forward(parameterStore, new NDList(features), true);
 * }</pre>
 */
public final class MultiTaskBlock extends AbstractBlock {

    private final Block trunk;
    private final List<Block> heads;

    MultiTaskBlock(Block trunk, List<Block> heads) {
        this.trunk = addChildBlock("trunk", trunk);
        List<Block> added = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            added.add(addChildBlock("head" + i, heads.get(i)));
        }
        this.heads = List.copyOf(added);
    }

    /** The block of a model spec: the trunk's layers, then one head per task. */
    public static MultiTaskBlock of(ModelSpec spec) {
        List<Block> heads = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            heads.add(Blocks.sequence(task.head()));
        }
        return new MultiTaskBlock(Blocks.sequence(spec.trunk()), heads);
    }

    /** The shared trunk. */
    public Block trunk() {
        return trunk;
    }

    /** The heads, in task order. */
    public List<Block> heads() {
        return heads;
    }

    /** The trunk's parameters in forward order (the shared parameters). */
    public List<Parameter> sharedParameters() {
        return trunk.getParameters().values();
    }

    /** Number of scalar parameters in {@code block} (after initialisation). */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            count += parameter.getArray().getShape().size();
        }
        return count;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList shared = trunk.forward(parameterStore, inputs, training, params);
        NDList outputs = new NDList(heads.size());
        for (Block head : heads) {
            outputs.add(head.forward(parameterStore, shared, training, params).singletonOrThrow());
        }
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shared = trunk.getOutputShapes(inputShapes);
        Shape[] outputs = new Shape[heads.size()];
        for (int i = 0; i < heads.size(); i++) {
            outputs[i] = heads.get(i).getOutputShapes(shared)[0];
        }
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        Shape[] shared = trunk.getOutputShapes(inputShapes);
        for (Block head : heads) {
            head.initialize(manager, dataType, shared);
        }
    }
}
