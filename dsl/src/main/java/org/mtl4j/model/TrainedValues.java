package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.annotation.Internal;
import org.mtl4j.engine.PackedParameters;

/**
 * A host copy of a trained network's parameter values, keyed by their place in the architecture
 * rather than by DJL's numbered names (which shift when a task adds a gate or a column), so that a
 * network for more tasks can start from them: {@link #copyInto} gives every parameter the trained
 * value of the same place, and leaves the new task's head, gate, experts or column as they were
 * initialised.
 *
 * <p>Two shared parameters grow with the number of tasks and are embedded: a cross-stitch unit's
 * α (the old tasks' rows and columns are kept; an old task reads nothing from the new column, so
 * it computes what it did; the new task's row starts as a fresh unit does) and, in PLE, a lower
 * level's shared gate (its rows for the old experts are kept, those for the new task's experts
 * start fresh, so the shared mixture moves a little).
 *
 * <p>Example: {@code TrainedValues.of(trained.block()).copyInto(extended.block(), 2, 3)}
 */
@Internal
public final class TrainedValues {

    private record Value(Shape shape, float[] floats, double[] doubles) {}

    private final Map<String, Value> values;

    private TrainedValues(Map<String, Value> values) {
        this.values = values;
    }

    /** Copies every parameter of {@code block} to the host. */
    public static TrainedValues of(Block block) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : places(block).entrySet()) {
            NDArray array = entry.getValue().getArray();
            values.put(entry.getKey(), array.getDataType() == DataType.FLOAT64
                    ? new Value(array.getShape(), null, array.toDoubleArray())
                    : new Value(array.getShape(), array.toFloatArray(), null));
        }
        return new TrainedValues(values);
    }

    /**
     * Gives the parameters of {@code target} (initialised, for {@code oldTasks} or more tasks) the
     * values of the same places.
     */
    public void copyInto(Block target, int oldTasks, int tasks) {
        for (Map.Entry<String, Parameter> entry : places(target).entrySet()) {
            Value old = values.get(entry.getKey());
            if (old == null) {
                continue;
            }
            NDArray array = entry.getValue().getArray();
            Shape shape = array.getShape();
            if (shape.equals(old.shape())) {
                set(array, old.floats(), old.doubles());
            } else if (entry.getKey().endsWith("alpha")) {
                embedAlpha(array, old);
            } else if (entry.getKey().contains("sharedGate")) {
                embedGateRows(array, old, oldTasks, tasks - oldTasks);
            } else {
                throw new IllegalStateException("Parameter " + entry.getKey() + " has shape "
                        + shape + " in the new model but " + old.shape() + " in the trained one."
                        + " This is a bug in mtl4j: please report it with the model's summary().");
            }
        }
    }

    /** α of T old tasks into α of T+k tasks: old block kept, old rows read no new column. */
    private static void embedAlpha(NDArray array, Value old) {
        int size = (int) array.getShape().get(0);
        int oldSize = (int) old.shape().get(0);
        double[] fresh = doubles(array);
        for (int i = 0; i < oldSize; i++) {
            for (int j = 0; j < size; j++) {
                fresh[i * size + j] = j < oldSize ? get(old, i * oldSize + j) : 0;
            }
        }
        setDoubles(array, fresh);
    }

    /**
     * A PLE shared gate's rows (one per candidate expert: every task's own experts in task order,
     * then the shared ones): the old tasks' and the shared experts' rows keep their values.
     */
    private static void embedGateRows(NDArray array, Value old, int oldTasks, int newTasks) {
        long rows = array.getShape().get(0);
        long oldRows = old.shape().get(0);
        long width = array.getShape().dimension() == 2 ? array.getShape().get(1) : 1;
        long added = rows - oldRows;
        long perTask = added / Math.max(1, newTasks);
        long ownBefore = perTask * oldTasks;
        double[] fresh = doubles(array);
        for (long r = 0; r < oldRows; r++) {
            long to = r < ownBefore ? r : r + added;
            for (long c = 0; c < width; c++) {
                fresh[(int) (to * width + c)] = get(old, (int) (r * width + c));
            }
        }
        setDoubles(array, fresh);
    }

    private static double[] doubles(NDArray array) {
        try (NDArray wide = array.toType(DataType.FLOAT64, true)) {
            return wide.toDoubleArray();
        }
    }

    private static double get(Value value, int i) {
        return value.floats() != null ? value.floats()[i] : value.doubles()[i];
    }

    private static void setDoubles(NDArray array, double[] values) {
        PackedParameters.overwrite(array, values);
    }

    /** Writes the values in place (in the model's data type), from whichever array is given. */
    private static void set(NDArray array, float[] floats, double[] doubles) {
        if (doubles != null) {
            PackedParameters.overwrite(array, doubles);
        } else {
            PackedParameters.overwrite(array, floats);
        }
    }

    /**
     * Every parameter of {@code block} by its place: the path of child names, without the
     * position numbers DJL puts before the names of the children of mtl4j's own blocks (whose
     * names are unique: {@code head2}, {@code gate1}, {@code stage1task0}, ...); the children of
     * other blocks (a sequence of layers) keep their numbered names.
     */
    public static Map<String, Parameter> places(Block block) {
        Map<String, Parameter> places = new LinkedHashMap<>();
        collect(block, "", places);
        return places;
    }

    private static void collect(Block block, String path, Map<String, Parameter> places) {
        for (var pair : block.getDirectParameters()) {
            places.put(path + pair.getKey(), pair.getValue());
        }
        // mtl4j's own blocks number their children by task, which adding a task shifts; a
        // sequence of layers (DJL's, or mtl4j's SequenceBlock) keeps DJL's layer numbers
        boolean own = block.getClass().getPackage().getName().equals("org.mtl4j.model")
                && !(block instanceof ai.djl.nn.SequentialBlock);
        for (var child : block.getChildren()) {
            String name = own ? child.getKey().replaceFirst("^[0-9]+", "") : child.getKey();
            collect(child.getValue(), path + name + "/", places);
        }
    }
}
