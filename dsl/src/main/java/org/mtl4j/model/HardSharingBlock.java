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
import java.util.Arrays;
import java.util.List;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Layer;

/**
 * Hard parameter sharing (Caruana 1997, "Multitask Learning", Machine Learning 28): the trunk
 * runs once per batch and every task reads its output.
 *
 * <p>Example: {@code HardSharingBlock.of(List.of(dense(20), relu()), 5)} gives five references to
 * one trunk output; {@code new HardSharingBlock(anyBlock, 5)} wraps a block of your own.
 */
public final class HardSharingBlock extends SharingBlock {

    private final Block trunk;
    private final int tasks;

    /**
     * @param trunk the shared block (one output)
     * @param tasks number of tasks, at least 1
     */
    public HardSharingBlock(Block trunk, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("A multi-task block needs at least 1 task."
                    + " Received: tasks=" + tasks + ". Pass the number of heads.");
        }
        this.trunk = addChildBlock("trunk", trunk);
        this.tasks = tasks;
    }

    /** A trunk of {@code layers} (none: the features themselves) shared by {@code tasks}. */
    public static HardSharingBlock of(List<Layer> layers, int tasks) {
        return of(layers, tasks, Initializer.DEFAULT);
    }

    /** A trunk of {@code layers} whose dense layers start as their own or {@code init} says. */
    public static HardSharingBlock of(List<Layer> layers, int tasks, Initializer init) {
        return new HardSharingBlock(Blocks.sequence(layers, init), tasks);
    }

    /** The trunk. */
    public Block trunk() {
        return trunk;
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public List<Parameter> lastSharedLayer() {
        return lastMatrix(trunk);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray shared = trunk.forward(store, inputs, training, params).singletonOrThrow();
        NDArray[] outputs = new NDArray[tasks];
        Arrays.fill(outputs, shared);
        return new NDList(outputs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] outputs = new Shape[tasks];
        Arrays.fill(outputs, trunk.getOutputShapes(inputShapes)[0]);
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        trunk.initialize(manager, dataType, shapes);
    }
}
