package org.mtl4j;

import ai.djl.Device;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.Split;
import org.mtl4j.model.GateTable;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.persist.ModelFile;
import org.mtl4j.persist.SavedModel;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.train.EngineSetup;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.Prediction;
import org.mtl4j.train.Training;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/**
 * A multi-task model: a shared part (a trunk, gated experts or cross-stitched columns) and one head
 * per task, trained with {@link #fit}. The first
 * fit learns the encoders (from its training split) and the class lists (from all rows) and
 * creates the parameters; later fits continue training them.
 *
 * <p>Example:
 *
 * <pre>{@code
 * MultiTaskModel model = multiTask()
 *     .input(text("text"))
 *     .trunk(dense(128), relu(), dense(64), relu())
 *     .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy())
 *     .task("domain").head(dense(3)).loss(crossEntropy())
 *     .build();
 * TrainingRun run = model.fit(reviews, epochs(10), adam(1e-3), validationSplit(0.2));
 * Table predictions = model.predict(reviews);
 * }</pre>
 *
 * <p>The model holds native memory once trained; {@link #close()} frees it (a notebook may simply
 * let the kernel end).
 *
 * <p>Threads: a model trains one fit at a time. {@code fit()} on a model that is already fitting
 * fails at once with an {@link IllegalStateException} naming the thread (so two threads racing
 * on a model's first fit give one trained model and one clear error); {@code predict}, {@code
 * evaluate} and {@code close} from another thread during a fit fail the same way. Fits of
 * different models in one JVM run one at a time: a second one waits its turn (see {@link
 * org.mtl4j.train.FitLock}).
 */
public final class MultiTaskModel implements AutoCloseable {

    private final ModelSpec spec;
    private volatile ModelParts parts;
    private volatile TrainingHistory history;
    private final AtomicReference<Thread> fitting = new AtomicReference<>();
    private boolean closed;
    /** What a model made by {@link #withTask} starts from at its first fit, else null. */
    private final TrainedStart start;

    MultiTaskModel(ModelSpec spec) {
        this(spec, null);
    }

    MultiTaskModel(ModelSpec spec, TrainedStart start) {
        this.spec = spec;
        this.start = start;
        this.history = TrainingHistory.empty(spec.taskNames());
    }

    /**
     * What a trained model hands a model with more tasks: its fitted input encoders, its tasks'
     * label encoders and a copy of its parameter values.
     */
    record TrainedStart(org.mtl4j.data.FeatureEncoder encoder,
            java.util.List<org.mtl4j.data.TaskLabels> labels,
            org.mtl4j.model.TrainedValues values) {}

    /**
     * Starts a new model that adds task {@code name} to this trained one; declare it like any
     * task and end with {@code .build()} ({@code .task(...)} adds more). The new model keeps this
     * model's inputs with their fitted encoders (a new table is scaled as the training data
     * was), its architecture, weighting and tasks with their label encoders, and starts from a
     * copy of this model's trained parameters; the new task's head (and, for experts, its gate
     * and own experts, for cross-stitch its column) starts freshly initialised, seeded by the
     * first fit's {@code seed(...)}. This model stays as it is and usable. The new model trains
     * with {@code fit()} as usual; its first fit reads the new task's labels (class list, target
     * scale) from the fit's table, which needs the input columns, or from a source's statistics
     * pass (which needs every task's label column, an old task's as {@code NULL} if need be). It starts with an empty
     * history and a fresh optimizer state, and saves and loads like any model.
     *
     * <p>Example:
     *
     * <pre>{@code
     * MultiTaskModel extended = model.withTask("body_mass_g")
     *     .head(dense(1)).loss(mse()).metric(mae())
     *     .build();
     * extended.fit(newRows, epochs(30), freeze(trunk(), heads("species", "sex")));
     * }</pre>
     *
     * @throws IllegalStateException before the first fit, or while another thread fits it
     */
    public TaskBuilder withTask(String name) {
        requireNotFittingElsewhere("add a task");
        ModelParts trained = trained("add a task");
        TrainedStart from = new TrainedStart(trained.encoder(), trained.labels(),
                org.mtl4j.model.TrainedValues.of(trained.block()));
        return ModelBuilder.extending(spec, from).task(name);
    }

    /** The declaration. */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Trains the model on {@code table}.
     *
     * @param table rows with the input columns and the tasks' label columns (a missing label only
     *     leaves that row out of that task; after the first fit, a table without some tasks'
     *     label columns trains the others, and those tasks' heads stay as they are)
     * @param options e.g. {@code epochs(20), batchSize(64), adam(1e-3), validationSplit(0.2)}
     * @return the run, with the model's whole history and why it stopped ({@code
     *     run.stopReason()}: completed, early stopping, a listener's request, an interrupt)
     * @throws IllegalArgumentException for bad input, naming the value and the fix
     * @throws org.mtl4j.train.TrainingDivergedException when a loss or gradient is not
     *     finite (unless {@code skipNonFiniteSteps()}); the model keeps the parameters of the last
     *     finite step and its completed epochs
     * @throws IllegalStateException if this model is already fitting, or a fit of another model
     *     runs on this thread (a fit of another model on another thread is waited for)
     */
    public TrainingRun fit(Table table, FitOption... options) {
        requireOpen("fit");
        if (table == null) {
            throw new IllegalArgumentException("fit() needs a table. Received: fit(null, ...)."
                    + " Pass a Tablesaw table with the input and label columns, e.g."
                    + " Table.read().csv(\"data.csv\").");
        }
        FitSettings settings = FitSettings.of(options);
        return whileFitting(() -> fitClaimed(table, settings));
    }

    /** Runs {@code fit} as this model's one fit (a fit on another thread is refused). */
    private TrainingRun whileFitting(Supplier<TrainingRun> fit) {
        Thread me = Thread.currentThread();
        Thread previous = fitting.get();
        if (previous != null && !previous.isAlive()) {
            fitting.compareAndSet(previous, null);   // its thread died mid-fit
        }
        if (!fitting.compareAndSet(null, me)) {
            throw alreadyFitting("fit again");
        }
        try {
            return fit.get();
        } finally {
            fitting.set(null);
        }
    }

    /**
     * Why this model cannot {@code action} now: it is fitting (on another thread, or on this one
     * when a listener calls back into the model).
     */
    private IllegalStateException alreadyFitting(String action) {
        Thread owner = fitting.get();
        String where = owner == Thread.currentThread()
                ? "on this thread ('" + owner.getName() + "'; a listener called back into it)"
                : "on thread '" + (owner == null ? "?" : owner.getName()) + "'";
        return new IllegalStateException("This model is already fitting " + where
                + ", so it cannot " + action + " now. A model trains one fit at a time: wait for"
                + " the running fit() to return, or build a second model with"
                + " multiTask()...build() to train another.");
    }

    /** Refuses {@code action} while another thread fits this model. */
    private void requireNotFittingElsewhere(String action) {
        Thread owner = fitting.get();
        if (owner != null && owner != Thread.currentThread()) {
            throw alreadyFitting(action);
        }
    }

    private TrainingRun fitClaimed(Table table, FitSettings settings) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(
                    "Table '" + table.name() + "' has no rows. fit()"
                            + " needs rows with the input and label columns.");
        }
        if (settings.rehearsal() != null) {
            table = settings.rehearsal().mix(table, spec, settings.seed());
        }
        Split split = Split.random(table.rowCount(), settings.validationSplit(), settings.seed());
        Device device = EngineSetup.prepare(settings);
        boolean first = parts == null;
        if (first && start != null) {
            parts = ModelParts.extend(spec, start.encoder(), start.labels(), start.values(),
                    table, split.train(), device, settings.dataType());
        } else if (first) {
            parts = ModelParts.create(spec, table, split.train(), device, settings.dataType());
        } else if (!parts.device().equals(device)) {
            throw otherDevice(device, settings);
        }
        // a table without some tasks' label columns: those tasks sit this fit out
        table = org.mtl4j.train.AbsentLabels.fill(table, spec.tasks(), spec.tasks());
        Table labelled = table;
        return keepingUntrainedOnFailure(first, () -> Training.fit(parts, labelled, split,
                settings, history, h -> history = h, ModelFile::write));
    }

    /**
     * Runs {@code fit}; a first fit that completes no epoch (stopped or failed) leaves the model
     * untrained, as before it.
     */
    private TrainingRun keepingUntrainedOnFailure(boolean first, Supplier<TrainingRun> fit) {
        try {
            TrainingRun run = fit.get();
            if (first && history.isEmpty()) {
                forgetParts();
            }
            return run;
        } catch (RuntimeException | Error e) {
            if (first && history.isEmpty()) {
                forgetParts();
            }
            throw e;
        }
    }

    private IllegalArgumentException otherDevice(Device device, FitSettings settings) {
        if (settings.devices() != null) {
            return new IllegalArgumentException("This model lives on " + parts.device()
                    + " but fit() was asked for " + device + " (the first device of devices(...)"
                    + " holds the model). Received: " + settings.devices() + ". List "
                    + parts.device() + " first, or build a new model for " + device + ".");
        }
        return new IllegalArgumentException(
                "This model lives on " + parts.device() + " but fit() was asked for " + device
                        + ". Received: device(" + device + "). Fit it on " + parts.device()
                        + ", or build a new model for " + device + ".");
    }

    private void forgetParts() {
        parts.close();
        parts = null;
    }

    /**
     * Predicts every task for every row.
     *
     * @return per classification task the predicted class {@code <task>} and {@code
     *     <task>_probability} (of that class), or for a binary task {@code
     *     <task>_probability_<positive class>}; per regression task the predicted value {@code
     *     <task>}, in the label column's units (a standardised target is turned back); a row whose
     *     class scores are not finite gets a missing class and a NaN probability
     * @throws IllegalStateException before the first fit
     */
    public Table predict(Table table) {
        requireNotFittingElsewhere("predict");
        return Prediction.predict(trained("predict"), table);
    }

    /**
     * Loss and metrics of every task on the labelled rows of {@code table}. A regression task's
     * loss is in the units it trains in (standard deviations of its target, unless declared with
     * {@code .scaleTarget(false)}), its MAE and RMSE in the label column's units.
     *
     * <p>For a classification task, {@link #classReport(Table, String)} gives the confusion
     * matrix and per-class precision, recall and F1 on the same table.
     *
     * @throws IllegalStateException before the first fit
     * @throws IllegalArgumentException for a class label the model never saw
     */
    public Table evaluate(Table table) {
        requireNotFittingElsewhere("evaluate");
        return Prediction.evaluate(trained("evaluate"), table);
    }

    /**
     * Trains the model on a source read a chunk at a time ({@code Sources.parquet(...)}, {@code
     * .csv(...)}, {@code .duckdb(query)}, {@code .sql(jdbcUrl, query)}): memory is bounded by the
     * source's {@code chunkRows} and {@code shuffleBuffer}, not by its size. A first fit learns
     * the encoders and classes from the whole source in a statistics pass (SQL {@code COUNT},
     * {@code AVG}, {@code STDDEV_POP}, {@code SELECT DISTINCT}; a Java pass for vocabularies),
     * then every epoch reads the source again, shuffled within the shuffle buffer (not a full
     * shuffle: see {@link org.mtl4j.source.RowSource}). There is no random validation split of a
     * source: pass held-out rows as a second source, {@link #fit(org.mtl4j.source.RowSource,
     * org.mtl4j.source.RowSource, FitOption...)}. Without one, epochs have running training
     * metrics, as a fit on a table has, summed batch by batch as the rows stream, in memory that
     * does not grow with the source (AUC is exact up to 16,384 labelled rows, then estimated
     * from bins of the score, with its bound {@code auc_max_error} beside it). A model made by {@link #withTask} may
     * take its first fit on a source; {@code rehearsal(oldRows, f)} mixes the old rows into
     * every shuffle buffer at the rate f (on a trained or withTask() model: a new model's first
     * fit cannot learn its encoders from rows that are not in the source).
     *
     * <p>Example: {@code model.fit(Sources.parquet("clicks.parquet"), epochs(2), batchSize(1024))}
     *
     * @throws IllegalArgumentException for bad input (a missing file or column, a mistyped
     *     column, {@code validationSplit(...)}), naming the value and the fix
     */
    public TrainingRun fit(org.mtl4j.source.RowSource source, FitOption... options) {
        return fit(source, null, options);
    }

    /**
     * As {@link #fit(org.mtl4j.source.RowSource, FitOption...)}, validating every epoch on {@code
     * validation} (read once into memory: it must fit; its classes count as the model's).
     *
     * <p>Example: {@code model.fit(Sources.parquet("train.parquet"),
     * Sources.parquet("valid.parquet"), epochs(5), earlyStopping("validation_loss"))}
     */
    public TrainingRun fit(org.mtl4j.source.RowSource source,
            org.mtl4j.source.RowSource validation, FitOption... options) {
        requireOpen("fit");
        if (source == null) {
            throw new IllegalArgumentException("fit() needs a source. Received: fit(null, ...)."
                    + " Pass e.g. Sources.parquet(\"train.parquet\").");
        }
        FitSettings settings = FitSettings.of(options);
        if (settings.validationSplit() > 0) {
            throw new IllegalArgumentException("fit(source, ...) cannot hold out a random share"
                    + " of a streamed source. Received: validationSplit("
                    + settings.validationSplit() + "). Pass the held-out rows as a second"
                    + " source: fit(source, Sources.parquet(\"valid.parquet\"), ...).");
        }
        if (settings.rehearsal() != null && parts == null && start == null) {
            throw new IllegalArgumentException("fit(source, " + settings.rehearsal() + ") needs"
                    + " a trained model (or one made by withTask()): a first fit learns its"
                    + " encoders from the source alone, which never saw the old rows. Received:"
                    + " the first fit of a new model on source '" + source.name() + "'. Fit the"
                    + " model first, then rehearse; or fit on a table: fit(source.toTable(),"
                    + " " + settings.rehearsal() + ").");
        }
        return whileFitting(() -> fitSourceClaimed(source, validation, settings));
    }

    private TrainingRun fitSourceClaimed(org.mtl4j.source.RowSource source,
            org.mtl4j.source.RowSource validation, FitSettings settings) {
        Device device = EngineSetup.prepare(settings);
        boolean first = parts == null;
        long rows;
        if (first && start != null) {
            // a withTask() model: the trained encoders, labels and weights carry over
            org.mtl4j.source.SourceStatistics.Fitted fitted = org.mtl4j.source.SourceStatistics
                    .extend(spec, source, validation, start.encoder(), start.labels());
            rows = fitted.rows();
            parts = ModelParts.extend(spec, start.encoder(), fitted.labels(),
                    start.labels().size(), start.values(), device, settings.dataType());
        } else if (first) {
            org.mtl4j.source.SourceStatistics.Fitted fitted =
                    org.mtl4j.source.SourceStatistics.fit(spec, source, validation);
            rows = fitted.rows();
            parts = ModelParts.restore(spec, fitted.encoder(), fitted.labels(), device,
                    settings.dataType());
        } else if (!parts.device().equals(device)) {
            throw otherDevice(device, settings);
        } else {
            // the first fit's checks, before any step: a refused source leaves the model as is
            rows = org.mtl4j.source.SourceStatistics.checkContinued(spec, source, parts.labels());
            if (validation != null) {
                org.mtl4j.source.SourceStatistics.checkContinued(spec, validation,
                        parts.labels());
            }
        }
        long sourceRows = rows;
        return keepingUntrainedOnFailure(first, () -> Training.fit(parts, source, sourceRows,
                validation == null ? null : validation.toTable(), settings, history,
                h -> history = h, ModelFile::write));
    }

    /**
     * Predicts every row of {@code source} into a file, a chunk at a time: CSV, or Parquet for a
     * name ending in {@code .parquet}; the columns {@code keep} of the source (an id, say) come
     * first, then the columns {@link #predict(Table)} gives, in the source's row order.
     *
     * <p>Example: {@code model.predict(Sources.parquet("clicks.parquet"),
     * Path.of("scores.parquet"), "impression_id")}
     *
     * @return the number of rows written
     * @throws IllegalStateException before the first fit
     */
    public long predict(org.mtl4j.source.RowSource source, Path output, String... keep) {
        requireNotFittingElsewhere("predict");
        return org.mtl4j.train.StreamedPrediction.predict(trained("predict"), source, output,
                java.util.List.of(keep));
    }

    /**
     * Every row's predictions of a source as one table in memory (only when they fit; {@link
     * #predict(org.mtl4j.source.RowSource, Path, String...)} writes them to a file instead).
     *
     * @throws IllegalStateException before the first fit
     */
    public Table predict(org.mtl4j.source.RowSource source) {
        requireNotFittingElsewhere("predict");
        return org.mtl4j.train.StreamedPrediction.predict(trained("predict"), source);
    }

    /**
     * As {@link #evaluate(Table)} over a source read a chunk at a time; it keeps per task and row
     * only the head's outputs and the label (which AUC and macro F1 need), not the inputs.
     *
     * @throws IllegalStateException before the first fit
     */
    public Table evaluate(org.mtl4j.source.RowSource source) {
        requireNotFittingElsewhere("evaluate");
        return org.mtl4j.train.StreamedPrediction.evaluate(trained("evaluate"), source);
    }

    /**
     * How a classification task's predictions on {@code table} compare with its labels: the
     * confusion matrix ({@code .chart()}, {@code .confusion()}) and precision, recall, F1 and
     * support per class ({@code .perClass()}), like scikit-learn's {@code classification_report}.
     * Rows without a label for the task are left out. A notebook shows the chart beside the table.
     *
     * <p>Example: {@code model.classReport(test, "species").chart()}
     *
     * @throws IllegalStateException before the first fit
     * @throws IllegalArgumentException for an unknown task, a regression task or a table without
     *     the task's label column
     */
    public org.mtl4j.plot.ClassReport classReport(Table table, String task) {
        TaskSpec spec = classificationTask(task);
        if (!table.columnNames().contains(spec.labelColumn())) {
            throw new IllegalArgumentException("classReport() needs the label column '"
                    + spec.labelColumn() + "' of task '" + task + "'. Received: columns="
                    + table.columnNames() + ". Pass a table with the labels, e.g. the test split.");
        }
        Table predicted = predict(table);
        return org.mtl4j.plot.ClassReport.of(table.column(spec.labelColumn()),
                predicted.column(task));
    }

    private TaskSpec classificationTask(String task) {
        TaskSpec found = spec.tasks().stream().filter(t -> t.name().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("classReport() needs a task of"
                        + " the model. Received: task='" + task + "', tasks="
                        + spec.taskNames() + ". Pass one of those names."));
        if (!found.loss().labelKind().isCategorical()) {
            throw new IllegalArgumentException("classReport() needs a classification task."
                    + " Received: task='" + task + "' with loss " + found.loss()
                    + ", which predicts a number. Use evaluate(table) for its MAE and RMSE.");
        }
        return found;
    }

    /**
     * The mean weight each gate gives each expert over the rows of {@code table}, for a model with
     * experts ({@code .experts(...).gates()}); chart it with {@code Charts.gates(table)}.
     *
     * @return columns {@code level, task, expert, weight}; per task and level the weights sum to 1
     *     (a gate shared by all tasks has task "shared")
     * @throws IllegalStateException before the first fit
     * @throws IllegalArgumentException if the model has no experts
     */
    public Table gateWeights(Table table) {
        return GateTable.of(trained("compute gate weights"), table);
    }

    /**
     * Saves everything needed to predict and to go on training into one file, atomically (the
     * file is either the previous one or the complete new one, even if the process is killed
     * mid-save): the spec, parameters, preprocessing (input statistics, levels, vocabularies,
     * class lists, target scales), the optimizer's state (Adam's moments and step counts, SGD's
     * momentum), the weighting's
     * state (learnt weights, loss history, random position) and the history. The format (a zip
     * of a JSON manifest and NumPy {@code .npy} tensors) is described in {@link
     * org.mtl4j.persist.ModelFile}.
     *
     * <p>Example: {@code model.save(Path.of("penguins.mtl4j"))} returns a {@link SavedModel}
     * that prints as {@code Saved model to penguins.mtl4j (12.3 KiB, format 1, 30 epochs, 2
     * tasks)}.
     *
     * <p>Not kept: the dropout generator (libtorch's), which every fit reseeds, see {@link #load}.
     * A fit with another optimizer spec than the last one starts that optimizer afresh.
     *
     * @throws IllegalStateException before the first fit
     * @throws IllegalArgumentException for a null path or a weighting strategy of your own
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public SavedModel save(Path path) {
        requireNotFittingElsewhere("save");
        ModelParts trained = trained("save");
        if (path == null) {
            throw new IllegalArgumentException("save() needs a file path. Received: null. Use"
                    + " e.g. model.save(Path.of(\"model.mtl4j\")).");
        }
        if (java.nio.file.Files.isDirectory(path)) {
            throw new IllegalArgumentException("save() needs a file path, but '" + path + "' is a"
                    + " folder. Use e.g. model.save(Path.of(\"" + path.resolve("model.mtl4j")
                    + "\")).");
        }
        return ModelFile.write(path, trained, history);
    }

    /**
     * Loads a model written by {@link #save}, on the default device (the GPU when DJL sees one).
     * Its predictions equal the saved model's, bit for bit, on the same device and thread count,
     * and {@code fit()} goes on where it stopped: each epoch's shuffle depends on the seed and the
     * epoch number only, so {@code fit(epochs(10))}, save, load, {@code fit(epochs(10))} gives the
     * same losses as one {@code fit(epochs(20))} with the same seed, for models without dropout.
     * With dropout the losses differ after the load: DJL cannot read libtorch's generator state,
     * so every {@code fit()} reseeds it from its seed (as two fits in a row without a save do).
     *
     * <p>Example: {@code MultiTaskModel model = MultiTaskModel.load(Path.of("penguins.mtl4j"));}
     *
     * @throws IllegalArgumentException naming the file and what is wrong if it does not exist, is
     *     not an mtl4j model, is truncated or corrupt, or has a newer format version; nothing is
     *     returned or kept from a failed load
     */
    public static MultiTaskModel load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("load() needs a file path. Received: null. Use"
                    + " e.g. MultiTaskModel.load(Path.of(\"model.mtl4j\")).");
        }
        ModelFile.Loaded loaded = ModelFile.read(path);
        MultiTaskModel model = new MultiTaskModel(loaded.spec());
        model.parts = loaded.parts();
        model.history = loaded.history();
        return model;
    }

    /** The history of all fits so far (empty before the first). */
    public TrainingHistory history() {
        return history;
    }

    /** The fitted parts (encoders, network), for advanced use; empty before the first fit. */
    @Internal
    public Optional<ModelParts> parts() {
        return Optional.ofNullable(parts);
    }

    /**
     * A plain-text summary: inputs, the shared architecture (trunk, experts or cross-stitch),
     * heads, weighting, initializer and, once trained, parameter counts.
     */
    public String summary() {
        StringBuilder text = new StringBuilder("MultiTaskModel\n");
        text.append("  inputs: ").append(spec.inputs()).append('\n');
        if (parts != null) {
            for (String line : parts.encoder().describe()) {
                text.append("    ").append(line).append('\n');
            }
            text.append("    -> ").append(parts.encoder().networkWidth()).append(" features\n");
        }
        Block shared = parts == null ? null : parts.block().sharing();
        if (spec.sharing() instanceof HardSharing) {
            text.append("  trunk: ").append(spec.trunk());
        } else {
            text.append("  sharing: ").append(spec.sharing().kind()).append(", ")
                    .append(spec.sharing());
        }
        text.append(count(shared)).append('\n');
        for (int t = 0; t < spec.tasks().size(); t++) {
            TaskSpec task = spec.tasks().get(t);
            text.append("  task '").append(task.name()).append("': head ").append(task.head())
                    .append(", ").append(task.loss()).append(", metrics ").append(task.metrics())
                    .append(count(parts == null ? null : parts.block().heads().get(t)))
                    .append('\n');
        }
        text.append("  weighting: ").append(spec.weighting());
        text.append("\n  initializer: ").append(spec.initializer());
        if (parts != null) {
            text.append("\n  parameters: ").append(MultiTaskBlock.parameterCount(parts.block()))
                    .append(" on ").append(parts.device());
        }
        return text.toString();
    }

    private static String count(Block block) {
        return block == null ? "" : " (" + MultiTaskBlock.parameterCount(block) + " parameters)";
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new IllegalStateException(
                    "The model is closed, so it cannot " + action
                            + ". Build a new one with multiTask()...build().");
        }
    }

    private ModelParts trained(String action) {
        requireOpen(action);
        if (parts == null || history.isEmpty()) {
            throw new IllegalStateException(
                    "The model is not trained yet, so it cannot " + action
                            + ". Call model.fit(table, ...) first.");
        }
        return parts;
    }

    /** Frees the model's native memory; the model cannot be used afterwards. */
    @Override
    public void close() {
        if (fitting.get() != null) {
            throw alreadyFitting("close");
        }
        if (parts != null) {
            parts.close();
            parts = null;
        }
        closed = true;
    }

    @Override
    public String toString() {
        return summary();
    }
}
