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
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.CrossStitch;

/**
 * Cross-stitch networks (Misra et al. 2016, "Cross-stitch Networks for Multi-task Learning",
 * CVPR): one column of layers per task and, after each stage, a {@link CrossStitchUnit} mixing the
 * columns. See {@link CrossStitch} for the stages and the defaults.
 *
 * <p>Example:
 *
 * <pre>{@code
 * CrossStitchBlock block = CrossStitchBlock.of(
 *     new CrossStitch(List.of(dense(64), relu(), dense(32), relu()), 0.9), 2);
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, 10));
 * NDList perTask = block.forward(store, new NDList(x), true);   // 2 × (batch, 32)
 * }</pre>
 */
public final class CrossStitchBlock extends SharingBlock {

    private final CrossStitch spec;
    private final int tasks;
    private final List<List<Block>> stages = new ArrayList<>();
    private final List<CrossStitchUnit> units = new ArrayList<>();

    private CrossStitchBlock(CrossStitch spec, int tasks, Initializer init) {
        if (tasks < 1) {
            throw new IllegalArgumentException("A multi-task block needs at least 1 task."
                    + " Received: tasks=" + tasks + ". Pass the number of heads.");
        }
        this.spec = spec;
        this.tasks = tasks;
        List<List<Layer>> layers = spec.stages();
        for (int s = 0; s < layers.size(); s++) {
            List<Block> columns = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                columns.add(addChildBlock("stage" + (s + 1) + "task" + t,
                        Blocks.sequence(layers.get(s), init)));
            }
            stages.add(columns);
            units.add(addChildBlock("stitch" + (s + 1),
                    new CrossStitchUnit(tasks, spec.selfWeight())));
        }
    }

    /** The block of {@code spec} for {@code tasks} tasks. */
    public static CrossStitchBlock of(CrossStitch spec, int tasks) {
        return of(spec, tasks, Initializer.DEFAULT);
    }

    /**
     * The block of {@code spec} for {@code tasks} tasks; the columns' dense layers start as their
     * own or {@code init} says (the units start at {@code spec.selfWeight()}, not drawn).
     */
    public static CrossStitchBlock of(CrossStitch spec, int tasks, Initializer init) {
        return new CrossStitchBlock(spec, tasks, init);
    }

    /** The architecture. */
    public CrossStitch spec() {
        return spec;
    }

    /** The cross-stitch units, one per stage. */
    public List<CrossStitchUnit> units() {
        return List.copyOf(units);
    }

    @Override
    public int tasks() {
        return tasks;
    }

    @Override
    public List<Parameter> lastSharedLayer() {
        return List.of(units.get(units.size() - 1).alpha());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] spread = new NDArray[tasks];
        Arrays.fill(spread, inputs.singletonOrThrow());
        NDList current = new NDList(spread);
        for (int s = 0; s < stages.size(); s++) {
            NDList columns = new NDList(tasks);
            for (int t = 0; t < tasks; t++) {
                columns.add(stages.get(s).get(t)
                        .forward(store, new NDList(current.get(t)), training, params)
                        .singletonOrThrow());
            }
            current = units.get(s).forward(store, columns, training, params);
        }
        return current;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape shape = inputShapes[0];
        for (List<Block> columns : stages) {
            shape = columns.get(0).getOutputShapes(new Shape[] {shape})[0];
        }
        Shape[] outputs = new Shape[tasks];
        Arrays.fill(outputs, shape);
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape shape = shapes[0];
        for (int s = 0; s < stages.size(); s++) {
            for (Block column : stages.get(s)) {
                column.initialize(manager, dataType, shape);
            }
            shape = stages.get(s).get(0).getOutputShapes(new Shape[] {shape})[0];
            Shape[] unitShapes = new Shape[tasks];
            Arrays.fill(unitShapes, shape);
            units.get(s).initialize(manager, dataType, unitShapes);
        }
    }
}
