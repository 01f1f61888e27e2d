package org.mtl4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.FeatureEncoder;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.engine.ConvolutionKernels;
import org.mtl4j.engine.PackedParameters;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.weighting.TaskWeigher;
import tech.tablesaw.api.Table;

/**
 * The fitted pieces of a model: the feature encoder and label encoders learnt at the first fit,
 * and the initialised network with the manager that owns its parameters. This is the seam for
 * saving and loading models.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (ModelParts parts = ModelParts.create(spec, table, split.train(), Device.cpu(),
 *         DataType.FLOAT32)) {
 *     parts.block().forward(...);
 * }
 * }</pre>
 */
@Internal
public final class ModelParts implements AutoCloseable {

    private final ModelSpec spec;
    private final FeatureEncoder encoder;
    private final List<TaskLabels> labels;
    private final MultiTaskBlock block;
    private final NDManager manager;
    private final DataType dataType;
    private OptimizerState optimizer;
    private TaskWeigher weigher;
    private NDManager weigherManager;
    private Map<String, double[]> savedWeigherState = Map.of();

    /** The parameters packed into one vector, kept as long as the parts (null if they can't be). */
    private PackedParameters packing;

    private ModelParts(
            ModelSpec spec,
            FeatureEncoder encoder,
            List<TaskLabels> labels,
            MultiTaskBlock block,
            NDManager manager,
            DataType dataType) {
        this.spec = spec;
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.block = block;
        this.manager = manager;
        this.dataType = dataType;
    }

    /**
     * Fits the encoders (features on {@code trainRows}, classes on all rows), checks every task's
     * labels against its loss and head, and initialises the network on {@code device}.
     *
     * @throws IllegalArgumentException naming the column, task or value that does not fit
     */
    public static ModelParts create(
            ModelSpec spec, Table table, int[] trainRows, Device device, DataType dataType) {
        List<TaskLabels> labels = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            labels.add(TaskLabels.fit(task, table, trainRows));
        }
        FeatureEncoder encoder = FeatureEncoder.fit(spec.inputs(), table, trainRows);
        return restore(spec, encoder, labels, device, dataType);
    }

    /**
     * The parts of a model that adds tasks to a trained one: the trained encoders and the old
     * tasks' label encoders are kept, the new tasks' labels are fitted on {@code table} (classes
     * on all rows, a target's scale on {@code trainRows}), and the network starts from {@code
     * values} where the trained one had the same part (the new heads, gates or columns start as
     * initialised).
     *
     * @param kept the trained model's label encoders, the first tasks of {@code spec}
     * @throws IllegalArgumentException when {@code table} lacks an input column, naming it
     */
    public static ModelParts extend(ModelSpec spec, FeatureEncoder encoder, List<TaskLabels> kept,
            TrainedValues values, Table table, int[] trainRows, Device device,
            DataType dataType) {
        List<String> missing = new ArrayList<>();
        for (var input : spec.inputs()) {
            for (String column : input.columns()) {
                if (table.columnNames().stream().noneMatch(column::equalsIgnoreCase)) {
                    missing.add(column);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Table '" + table.name() + "' lacks the input"
                    + " column(s) " + missing + " of the trained model. Received: columns="
                    + table.columnNames() + ". A model made by withTask() keeps the trained"
                    + " model's inputs and their encoders: pass a table with those columns.");
        }
        List<TaskLabels> labels = new ArrayList<>(kept);
        for (TaskSpec task : spec.tasks().subList(kept.size(), spec.tasks().size())) {
            labels.add(TaskLabels.fit(task, table, trainRows));
        }
        return extend(spec, encoder, labels, kept.size(), values, device, dataType);
    }

    /**
     * As {@link #extend(ModelSpec, FeatureEncoder, List, TrainedValues, Table, int[], Device,
     * DataType)} with every task's labels already fitted (the new tasks' from a source's
     * statistics pass).
     *
     * @param labels every task's label encoders, the trained model's {@code oldTasks} first
     */
    public static ModelParts extend(ModelSpec spec, FeatureEncoder encoder,
            List<TaskLabels> labels, int oldTasks, TrainedValues values, Device device,
            DataType dataType) {
        ModelParts parts = restore(spec, encoder, labels, device, dataType);
        try {
            values.copyInto(parts.block(), oldTasks, spec.tasks().size());
            return parts;
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /**
     * Parts rebuilt from what a saved model kept: fitted encoders and labels, and a network of the
     * same shape whose parameters the caller then overwrites.
     */
    public static ModelParts restore(ModelSpec spec, FeatureEncoder encoder,
            List<TaskLabels> labels, Device device, DataType dataType) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            ConvolutionKernels.applyChoice();
            MultiTaskBlock block = MultiTaskBlock.of(spec, encoder.embeddingLayout());
            block.initialize(manager, dataType, new Shape(1, encoder.width()));
            // the parameters' arrays for the model's life: views of one vector, which Adam
            // updates in one call (weightings and probes may keep the arrays)
            ModelParts parts = new ModelParts(spec, encoder, labels, block, manager, dataType);
            parts.packing = PackedParameters.of(new ArrayList<>(block.getParameters().values()));
            return parts;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The weighting strategy's state, kept with the model so that learnt task weights, loss
     * history and random positions go on from one fit to the next: made by {@code start} (with a
     * manager that lives as long as the model) at the first fit, then the same one.
     */
    public TaskWeigher weigher(Function<NDManager, TaskWeigher> start) {
        if (weigher == null) {
            weigherManager = manager.newSubManager();
            TaskWeigher started = start.apply(weigherManager);
            if (!savedWeigherState.isEmpty()) {
                started.restore(savedWeigherState);
            }
            weigher = started;
        }
        return weigher;
    }

    /** The weighting state to save (what a loaded model was given until its first fit). */
    public Map<String, double[]> weigherState() {
        return weigher != null ? weigher.state() : savedWeigherState;
    }

    /** Sets the weighting state a loaded model's first fit starts from. */
    public void restoreWeigherState(Map<String, double[]> state) {
        savedWeigherState = Map.copyOf(state);
    }

    /** The optimizer spec of the latest fit, if any (an {@code OptimizerSpec}). */
    public Optional<Object> optimizerSpec() {
        return Optional.ofNullable(optimizer).map(OptimizerState::spec);
    }

    /** The optimizer of the latest fit, if any. */
    public Optional<Optimizer> currentOptimizer() {
        return Optional.ofNullable(optimizer).map(OptimizerState::optimizer);
    }

    /** The model spec. */
    public ModelSpec spec() {
        return spec;
    }

    /** The fitted feature encoder. */
    public FeatureEncoder encoder() {
        return encoder;
    }

    /** The label encoders, in task order. */
    public List<TaskLabels> labels() {
        return labels;
    }

    /** The network. */
    public MultiTaskBlock block() {
        return block;
    }

    /** The manager owning the parameters (and the parent of every fit's manager). */
    public NDManager manager() {
        return manager;
    }

    /** Where the parameters live. */
    public Device device() {
        return manager.getDevice();
    }

    /** The float type of parameters and features. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The optimizer for a fit: the same one (with its moments and step counts) as long as the
     * spec stays the same, so later fits continue where earlier ones stopped, as in Keras.
     *
     * @param spec the fit's optimizer spec
     * @param create makes a new optimizer for a changed spec
     */
    public Optimizer optimizer(Object spec, java.util.function.Supplier<Optimizer> create) {
        if (optimizer == null || !optimizer.spec().equals(spec)) {
            optimizer = new OptimizerState(spec, create.get());
        }
        return optimizer.optimizer();
    }

    private record OptimizerState(Object spec, Optimizer optimizer) {}

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
