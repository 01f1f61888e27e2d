package org.mtl4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.mtl4j.annotation.Internal;

/**
 * A model's parameters made views of one flat vector, in the order given, so that {@link
 * FusedAdam} updates all of them in place with one native call instead of writing the change
 * into a buffer and adding it to each parameter (one native call a parameter, every step).
 *
 * <p>Packing copies the parameters' values into the vector once, hands each {@link Parameter}
 * its view in place of its array, and closes the old arrays. Their values, shapes, names,
 * gradients and what a saved file holds stay as they were. Values written in place later (a
 * restored snapshot, a replica's averaging, a loaded file) land in the vector; such writes go
 * through {@link #overwrite}, because DJL's {@code NDArray.set(Buffer)} gives the array new
 * storage, which would cut a parameter off the vector. A parameter whose array is replaced
 * outright is noticed by {@link #intact()}, and the owner packs again. Each parameter starts on
 * a 64-byte boundary, as a separate array would, so that libtorch computes with it exactly as
 * before (zeros fill the gaps; {@link #offsets()} gives the layout).
 *
 * <p>Example: {@code PackedParameters packed = PackedParameters.of(parameters);} then, without
 * recording a graph, {@code packed.flat().subi(change)} moves every parameter.
 */
@Internal
public final class PackedParameters {

    private static final NDIndex ALL = new NDIndex("...");
    private static final int ALIGNMENT_BYTES = 64;

    /**
     * The latest packing in each manager, weakly both ways (a packing refers to its manager):
     * its owner keeps it (the model's parts, an Adam state), and a closed model's entry goes.
     */
    private static final Map<NDManager, WeakReference<PackedParameters>> LATEST =
            new WeakHashMap<>();

    private final List<Parameter> parameters;
    private final NDArray flat;
    private final NDArray[] views;
    private final long[] offsets;

    private PackedParameters(List<Parameter> parameters, NDArray flat, NDArray[] views,
            long[] offsets) {
        this.parameters = parameters;
        this.flat = flat;
        this.views = views;
        this.offsets = offsets;
    }

    /**
     * {@code parameters} packed: the packing made before when it is of the same parameters and
     * still {@link #intact()}, else a new one (the previous vector's handle in their manager is
     * closed; views still in use keep its storage). Null when they cannot share one vector
     * (uninitialised, or of different data types, devices or managers).
     */
    public static PackedParameters of(List<Parameter> parameters) {
        if (parameters.isEmpty() || !packable(parameters)) {
            return null;
        }
        NDManager manager = parameters.get(0).getArray().getManager();
        synchronized (LATEST) {
            WeakReference<PackedParameters> reference = LATEST.get(manager);
            PackedParameters latest = reference == null ? null : reference.get();
            if (latest != null && latest.parameters.equals(parameters) && latest.intact()) {
                return latest;
            }
            PackedParameters packed = pack(parameters, manager);
            if (latest != null) {
                latest.flat.close();
            }
            LATEST.put(manager, new WeakReference<>(packed));
            return packed;
        }
    }

    private static PackedParameters pack(List<Parameter> parameters, NDManager manager) {
        long[] offsets = layout(parameters);
        DataType dataType = parameters.get(0).getArray().getDataType();
        try (NoGrad ignored = new NoGrad(); NDManager scratch = manager.newSubManager()) {
            NDList flatParts = new NDList(2 * parameters.size() + 1);
            long end = 0;
            for (int i = 0; i < parameters.size(); i++) {
                addPadding(flatParts, scratch, offsets[i] - end, dataType);
                NDArray part = parameters.get(i).getArray().reshape(-1);
                part.attach(scratch);
                flatParts.add(part);
                end = offsets[i] + part.size();
            }
            addPadding(flatParts, scratch, offsets[parameters.size()] - end, dataType);
            NDArray flat = Torch.cat(flatParts, 0);
            flat.attach(manager);
            NDArray[] views = new NDArray[parameters.size()];
            for (int i = 0; i < views.length; i++) {
                Parameter parameter = parameters.get(i);
                NDArray old = parameter.getArray();
                NDArray slice = flat.get(
                        new NDIndex().addSliceDim(offsets[i], offsets[i] + old.size()));
                slice.attach(scratch);
                NDArray view = slice.reshape(old.getShape());
                view.attach(manager);
                // as the old array: a frozen parameter or batch norm's statistics take none
                view.setRequiresGradient(old.hasGradient());
                parameter.close();
                parameter.setShape(null);
                parameter.setArray(view);
                views[i] = view;
            }
            return new PackedParameters(List.copyOf(parameters), flat, views, offsets);
        }
    }

    /**
     * Where each parameter starts in the vector, then the vector's size: every start on a
     * {@value #ALIGNMENT_BYTES}-byte boundary, where libtorch's allocator puts a separate array
     * (its CPU kernels can round differently for a differently aligned operand, so a packed
     * model computes exactly what an unpacked one did), zeros in between.
     */
    private static long[] layout(List<Parameter> parameters) {
        long alignment =
                ALIGNMENT_BYTES / parameters.get(0).getArray().getDataType().getNumOfBytes();
        long[] offsets = new long[parameters.size() + 1];
        long end = 0;
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i] = aligned(end, alignment);
            end = offsets[i] + parameters.get(i).getArray().size();
        }
        offsets[parameters.size()] = aligned(end, alignment);
        return offsets;
    }

    private static long aligned(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    private static void addPadding(NDList parts, NDManager scratch, long length,
            DataType dataType) {
        if (length > 0) {
            parts.add(scratch.zeros(new Shape(length), dataType));
        }
    }

    private static boolean packable(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            if (!parameter.isInitialized()) {
                return false;
            }
        }
        NDArray first = parameters.get(0).getArray();
        for (Parameter parameter : parameters) {
            NDArray array = parameter.getArray();
            if (array.getDataType() != first.getDataType()
                    || !array.getDevice().equals(first.getDevice())
                    || array.getManager() != first.getManager()) {
                return false;
            }
        }
        return true;
    }

    /** Whether every parameter still holds its view (no array was replaced since packing). */
    public boolean intact() {
        for (int i = 0; i < views.length; i++) {
            if (parameters.get(i).getArray() != views[i]) {
                return false;
            }
        }
        return true;
    }

    /** The parameters this packs, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Where each parameter starts in {@link #flat()}, then the vector's size (parameter i is the
     * {@code size} values from {@code offsets[i]}; the gaps hold zeros).
     */
    public long[] offsets() {
        return offsets.clone();
    }

    /**
     * All parameters' values, one vector in parameter order laid out as {@link #offsets()} says
     * (live; do not close).
     */
    public NDArray flat() {
        return flat;
    }

    /**
     * Writes {@code values} (in row-major order) into {@code array}'s own storage, converted to
     * its data type, without recording a graph: what {@code array.set(FloatBuffer.wrap(values))}
     * means, for arrays that must keep their storage (a packed parameter).
     */
    public static void overwrite(NDArray array, float[] values) {
        try (NoGrad ignored = new NoGrad();
                NDManager scratch = array.getManager().newSubManager()) {
            NDArray source = array.getDataType() == DataType.FLOAT64
                    ? scratch.create(Precision.widen(values), array.getShape())
                    : scratch.create(values, array.getShape());
            array.set(ALL, source);
        }
    }

    /** {@link #overwrite(NDArray, float[])} from double precision (exact for float64 arrays). */
    public static void overwrite(NDArray array, double[] values) {
        try (NoGrad ignored = new NoGrad();
                NDManager scratch = array.getManager().newSubManager()) {
            NDArray source = array.getDataType() == DataType.FLOAT64
                    ? scratch.create(values, array.getShape())
                    : scratch.create(Precision.narrow(values), array.getShape());
            array.set(ALL, source);
        }
    }
}
