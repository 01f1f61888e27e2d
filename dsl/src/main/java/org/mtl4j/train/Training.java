package org.mtl4j.train;

import java.util.function.Consumer;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.Split;
import org.mtl4j.model.ModelParts;
import tech.tablesaw.api.Table;

/**
 * Runs fits on a model's parts; {@code MultiTaskModel.fit} is the usual way in.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = Training.fit(parts, table, split, FitSettings.of(epochs(5)),
 *         TrainingHistory.empty(spec.taskNames()), history -> {}, ModelFile::write);
 * }</pre>
 */
@Internal
public final class Training {

    private Training() {}

    /**
     * Trains for {@code settings.epochs()} epochs (fewer if the thread is interrupted, a listener
     * asks to stop or early stopping ends it), after any fit running in this JVM ends.
     *
     * @param parts the model's parts, already initialised
     * @param table the data
     * @param split the training and validation rows of {@code table}
     * @param settings the fit's settings
     * @param before the history so far (numbering continues from it)
     * @param onEpoch receives the history after every completed epoch
     * @param checkpoints writes the checkpoint files of {@code checkpoint(...)} (the model file
     *     format: {@code ModelFile::write})
     * @return the run
     * @throws org.mtl4j.train.TrainingDivergedException when a loss or gradient is not
     *     finite (see {@code skipNonFiniteSteps()})
     * @throws IllegalStateException when this thread is already fitting (see {@link FitLock})
     */
    public static TrainingRun fit(
            ModelParts parts,
            Table table,
            Split split,
            FitSettings settings,
            TrainingHistory before,
            Consumer<TrainingHistory> onEpoch,
            CheckpointFormat checkpoints) {
        try (FrozenGradients frozen = FrozenGradients.of(parts, settings)) {
            return new TrainingLoop(parts, settings, onEpoch, () -> {}, checkpoints)
                    .run(table, split, before);
        }
    }

    /**
     * Trains on a source read a chunk at a time every epoch (see {@link
     * org.mtl4j.source.RowSource} for the shuffle buffer), with the old rows of {@code
     * settings.rehearsal()} mixed in (see {@link StreamedRehearsal}), validating on {@code
     * validation} (a table in memory, or null).
     *
     * @param rows the source's row count (from the statistics pass)
     */
    public static TrainingRun fit(
            ModelParts parts,
            org.mtl4j.source.RowSource source,
            long rows,
            Table validation,
            FitSettings settings,
            TrainingHistory before,
            Consumer<TrainingHistory> onEpoch,
            CheckpointFormat checkpoints) {
        int validationRows = validation == null ? 0 : validation.rowCount();
        try (FrozenGradients frozen = FrozenGradients.of(parts, settings)) {
            return new TrainingLoop(parts, settings, onEpoch, () -> {}, checkpoints)
                    .run(fit -> new TrainingLoop.FitData(new StreamedRows(parts, source, rows,
                            settings.rehearsal(), settings.seed()),
                            validation == null ? null : DeviceSplit.upload(parts, validation,
                                    Split.allRows(validationRows), fit)),
                            validationRows, before);
        }
    }
}
