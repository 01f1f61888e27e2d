package org.mtl4j;

import ai.djl.Device;
import ai.djl.nn.Block;
import java.util.Optional;
import org.mtl4j.data.Split;
import org.mtl4j.model.GateTable;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.HardSharing;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
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
 */
public final class MultiTaskModel implements AutoCloseable {

    private final ModelSpec spec;
    private ModelParts parts;
    private TrainingHistory history;
    private boolean closed;

    MultiTaskModel(ModelSpec spec) {
        this.spec = spec;
        this.history = TrainingHistory.empty(spec.taskNames());
    }

    /** The declaration. */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Trains the model on {@code table}.
     *
     * @param table rows with the input columns and the tasks' label columns (a missing label only
     *     leaves that row out of that task)
     * @param options e.g. {@code epochs(20), batchSize(64), adam(1e-3), validationSplit(0.2)}
     * @return the run, with the model's whole history
     * @throws IllegalArgumentException for bad input, naming the value and the fix
     */
    public TrainingRun fit(Table table, FitOption... options) {
        requireOpen("fit");
        FitSettings settings = FitSettings.of(options);
        if (table == null || table.rowCount() == 0) {
            throw new IllegalArgumentException(
                    "Table '" + (table == null ? "null" : table.name()) + "' has no rows. fit()"
                            + " needs rows with the input and label columns.");
        }
        Split split = Split.random(table.rowCount(), settings.validationSplit(), settings.seed());
        Device device = EngineSetup.prepare(settings);
        boolean first = parts == null;
        if (first) {
            parts = ModelParts.create(spec, table, split.train(), device, settings.dataType());
        } else if (!parts.device().equals(device)) {
            throw new IllegalArgumentException(
                    "This model lives on " + parts.device() + " but fit() was asked for " + device
                            + ". Received: device(" + device + "). Fit it on " + parts.device()
                            + ", or build a new model for " + device + ".");
        }
        try {
            TrainingRun run = Training.fit(parts, table, split, settings, history,
                    h -> history = h);
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

    /** A first fit that completed no epoch leaves the model untrained, as before it. */
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
     *     <task>}
     * @throws IllegalStateException before the first fit
     */
    public Table predict(Table table) {
        return Prediction.predict(trained("predict"), table);
    }

    /**
     * Loss and metrics of every task on the labelled rows of {@code table}.
     *
     * @throws IllegalStateException before the first fit
     * @throws IllegalArgumentException for a class label the model never saw
     */
    public Table evaluate(Table table) {
        return Prediction.evaluate(trained("evaluate"), table);
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

    /** The history of all fits so far (empty before the first). */
    public TrainingHistory history() {
        return history;
    }

    /** The fitted parts (encoders, network), for advanced use; empty before the first fit. */
    public Optional<ModelParts> parts() {
        return Optional.ofNullable(parts);
    }

    /**
     * A plain-text summary: inputs, the shared architecture (trunk, experts or cross-stitch),
     * heads and, once trained, parameter counts.
     */
    public String summary() {
        StringBuilder text = new StringBuilder("MultiTaskModel\n");
        text.append("  inputs: ").append(spec.inputs()).append('\n');
        if (parts != null) {
            for (String line : parts.encoder().describe()) {
                text.append("    ").append(line).append('\n');
            }
            text.append("    -> ").append(parts.encoder().width()).append(" features\n");
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
