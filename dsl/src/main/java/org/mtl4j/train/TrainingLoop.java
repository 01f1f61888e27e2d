package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.mtl4j.data.Split;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.Table;

/**
 * The epochs of one fit. Every step runs in its own sub-manager (freed at the step's end). After
 * its backward, a step's task losses, task weights and largest gradient magnitude come to the
 * host in one small copy (with a weighting that learns from every step's losses, the losses
 * come first, before the backward, so that a non-finite loss never reaches its state), and the
 * {@link NonFiniteGuard} decides before the update whether to apply it, skip it or stop. The
 * thread's interrupt flag and the {@link FitControl}'s stop request are checked before every
 * step: a fit stopped mid-epoch keeps the completed epochs and the parameters as the last applied
 * step left them. Early stopping and the learning-rate
 * schedule act at epoch ends; the schedule's rate is set before every update.
 */
final class TrainingLoop {

    /**
     * Whether every step is checked for non-finite values before its update (the default);
     * {@code -Dmtl4j.nonFiniteCheck=false} turns the check off, only to measure its cost (the
     * benchmark's "no divergence check" runner): a non-finite step is then applied.
     */
    private final boolean checkSteps =
            !"false".equals(System.getProperty("mtl4j.nonFiniteCheck"));

    private final ModelParts parts;
    private final FitSettings settings;
    private final String device;
    private final Consumer<TrainingHistory> onEpoch;
    private final List<FitListener> listeners = new ArrayList<>();
    private final Runnable beforeBackward;
    private final CheckpointFormat checkpointFormat;
    /** The conflict monitor's probe, or null when the fit has none. */
    private ConflictProbe conflicts;
    /** The task affinity's probe, or null when the fit has none. */
    private AffinityProbe affinity;

    TrainingLoop(
            ModelParts parts,
            FitSettings settings,
            Consumer<TrainingHistory> onEpoch,
            Runnable beforeBackward,
            CheckpointFormat checkpointFormat) {
        this.checkpointFormat = checkpointFormat;
        this.parts = parts;
        this.settings = settings;
        List<Device> devices = settings.devices() == null ? List.of(parts.device())
                : EngineSetup.devices(settings);
        this.device = devices.size() == 1 ? parts.device().toString()
                : devices.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", "));
        this.onEpoch = onEpoch;
        this.beforeBackward = beforeBackward;
        if (!settings.quiet()) {
            listeners.add(ProgressDisplay.create());
        }
        listeners.addAll(settings.listeners());
    }

    TrainingRun run(Table table, Split split, TrainingHistory before) {
        return run(fit -> {
            DeviceSplit train = DeviceSplit.upload(parts, table, split.train(), fit);
            train.requireLabels(parts.labels(), split.validation().length, table);
            DeviceSplit validation = split.validation().length == 0
                    ? null
                    : DeviceSplit.upload(parts, table, split.validation(), fit);
            return new FitData(train, validation);
        }, split.validation().length, before);
    }

    /**
     * The training rows and the validation split (null without one) of a fit, uploaded or opened
     * in the fit's manager.
     */
    record FitData(TrainingRows train, DeviceSplit validation) {}

    /**
     * A fit on the rows {@code data} gives in the fit's manager (e.g. a streamed source) with a
     * validation split of {@code validationRows} rows.
     */
    TrainingRun run(java.util.function.Function<NDManager, FitData> data, int validationRows,
            TrainingHistory before) {
        long start = System.nanoTime();
        List<TaskSpec> tasks = parts.spec().tasks();
        List<Loss> losses = tasks.stream().map(TaskSpec::loss).toList();
        MultiTaskBlock block = parts.block();
        TrainingControls controls = settings.controls();
        if (controls.earlyStopping() != null) {
            controls.earlyStopping().monitor().requireAvailable("earlyStopping", parts.spec(),
                    validationRows);
        }
        if (controls.schedule() != null) {
            controls.schedule().check(parts.spec(), validationRows);
        }
        if (controls.checkpoints() != null) {
            controls.checkpoints().check(parts.spec(), validationRows);
        }
        CheckpointWriter checkpoints = controls.checkpoints() == null ? null
                : new CheckpointWriter(controls.checkpoints(), parts, checkpointFormat);
        FitLock.Running running = new FitLock.Running(parts.spec().taskNames(), settings.epochs());
        try (FitLock.Held held = FitLock.acquire(running,
                fit -> listeners.forEach(l -> l.fitWaiting(fit)))) {
            if (held == null) {
                return new TrainingRun(before, 0, device, (System.nanoTime() - start) / 1e9,
                        new StopReason(StopReason.Kind.INTERRUPTED,
                                before.isEmpty() ? 0 : before.lastEpoch().epoch(),
                                "while waiting for another fit to end", 0), 0);
            }
            return train(data, before, start, losses, block, controls, running, checkpoints);
        }
    }

    private TrainingRun train(java.util.function.Function<NDManager, FitData> data,
            TrainingHistory before, long start,
            List<Loss> losses, MultiTaskBlock block, TrainingControls controls,
            FitLock.Running running, CheckpointWriter checkpoints) {
        try (NDManager fit = parts.manager().newSubManager()) {
            Scalars scalars = new Scalars(fit, parts.dataType());
            FitData rows = data.apply(fit);
            TrainingRows train = rows.train();
            DeviceSplit validation = rows.validation();
            TaskWeigher weigher = parts.weigher(model -> parts.spec().weighting().start(
                    new WeightingContext(parts.spec().taskNames(), model,
                            new Scalars(model, parts.dataType()), block.sharedParameters(),
                            settings.seed(), settings.optimizer()::create)));
            TrainingStep step = new TrainingStep(
                    block, parts.spec().taskNames(), losses, new ParameterStore(fit, false),
                    scalars, weigher, beforeBackward);
            List<Device> devices = EngineSetup.devices(settings);
            if (devices.size() > 1) {
                step.splitAcross(shards(devices, block, losses, fit));
            }
            if (settings.conflictMonitor() != null) {
                conflicts = new ConflictProbe(settings.conflictMonitor(),
                        parts.spec().taskNames(), block.sharedParameters(),
                        new ArrayList<>(block.getParameters().values()));
                step.monitorConflicts(conflicts);
            }
            if (settings.taskAffinity() != null) {
                affinity = new AffinityProbe(settings.taskAffinity(), parts.spec().taskNames(),
                        block.sharedParameters(), new ArrayList<>(block.getParameters().values()),
                        settings.taskAffinity().stepSizeFor(settings.optimizer().learningRate()),
                        scalars);
                step.measureAffinity(affinity);
            }
            Optimizer optimizer = parts.optimizer(settings.optimizer(),
                    settings.optimizer()::create);
            FusedAdam.Fit fused = settings.optimizer().usesAdam()
                    ? FusedAdam.of(optimizer, settings.optimizer().adamSettings(),
                            new ArrayList<>(block.getParameters().values()), parts.manager(),
                            parts.dataType()).start(fit, scalars)
                    : null;
            ParameterUpdate update = new ParameterUpdate(block, optimizer,
                    settings.clipGradientNorm(), scalars, fit, fused);
            update.freeze(Freeze.parameters(settings.frozen(), block, parts.spec()));
            Evaluator evaluator = new Evaluator(block, losses, scalars, fit);
            update.zeroGradients();

            int stepsPerEpoch = (int) ((train.rows() + (long) settings.batchSize() - 1)
                    / settings.batchSize());
            int firstEpoch = before.epochs().size() + 1;
            boolean lossesFirst =
                    checkSteps && StepChecks.learnsFromLosses(parts.spec().weighting());
            Steps steps = new Steps(fit, lossesFirst, step, update,
                    new LearningRates(controls.schedule(), settings.optimizer().learningRate(),
                            stepsPerEpoch, settings.epochs(), fit, parts.dataType()),
                    fused == null ? adjustable(optimizer, controls) : null, fused != null,
                    new NonFiniteGuard(parts.spec().taskNames(), controls.skipNonFiniteSteps(),
                            stepsPerEpoch, settings.optimizer().toString()),
                    new FitStop());
            FitInfo info = new FitInfo(parts.spec().taskNames(), device,
                    EngineSetup.threads(settings), firstEpoch, settings.epochs(), stepsPerEpoch,
                    train.rows(), validation == null ? 0 : validation.rows(), steps.stop());
            try (EarlyStopper stopper = controls.earlyStopping() == null ? null
                    : new EarlyStopper(controls.earlyStopping(), block, fit)) {
                listeners.forEach(l -> l.fitStarted(info));
                return epochs(steps, train, validation, evaluator, weigher, stopper, before,
                        start, stepsPerEpoch, running, checkpoints);
            }
        }
    }

    /** The devices of {@code devices(...)}, each batch split across them. */
    private DeviceShards shards(List<Device> devices, MultiTaskBlock block,
            List<Loss> losses, NDManager fit) {
        return new DeviceShards(devices, block, losses, new ParameterStore(fit, false), fit,
                parts.dataType(), beforeBackward);
    }

    /**
     * What every step of a fit uses, besides the data; {@code lossesFirst}: whether the losses
     * are checked before the backward (a weighting strategy with state, which a non-finite loss
     * would corrupt; others check everything after the backward, in one copy).
     */
    private record Steps(NDManager fit, boolean lossesFirst, TrainingStep step,
            ParameterUpdate update,
            LearningRates rates, AdjustableRate tracker, boolean fused, NonFiniteGuard guard,
            FitStop stop) {}

    /** The epochs of the fit, then the run's end: best parameters, listeners, divergence. */
    private TrainingRun epochs(
            Steps steps,
            TrainingRows train,
            DeviceSplit validation,
            Evaluator evaluator,
            TaskWeigher weigher,
            EarlyStopper stopper,
            TrainingHistory before,
            long start,
            int stepsPerEpoch,
            FitLock.Running running,
            CheckpointWriter checkpoints) {
        TrainingHistory history = before;
        int epochsRun = 0;
        StopReason.Kind kind = StopReason.Kind.COMPLETED;
        String detail = "";
        String divergence = null;
        boolean partial = false;
        for (int e = 0; e < settings.epochs(); e++) {
            running.at(e + 1);
            long epochStart = System.nanoTime();
            int epoch = history.epochs().size() + 1;
            EpochRun ran = runEpoch(train, steps, shuffle(epoch), epoch, e, history,
                    new StepClock(start, e, stepsPerEpoch, settings.epochs()),
                    validation == null && hasMetrics());
            if (ran.stop() != null) {
                kind = ran.stop();
                partial = ran.stepsApplied() > 0;
                detail = switch (kind) {
                    case STOP_REQUESTED -> steps.stop().reason();
                    case DIVERGED -> ran.divergence()[0];
                    default -> "";
                };
                divergence = kind == StopReason.Kind.DIVERGED ? ran.divergence()[1] : null;
                break;
            }
            EpochRecord record;
            try {
                record = epochRecord(epoch, ran.steps(), train, validation, evaluator,
                        epochStart, ran.outputs(), ran.metrics());
            } catch (EvaluationInterruptedException stopped) {
                kind = StopReason.Kind.INTERRUPTED;
                break;
            }
            history = history.plus(ran.steps().steps(), record);
            if (conflicts != null) {
                history = history.withConflicts(conflicts.epochEnded(epoch));
            }
            if (affinity != null) {
                history = history.withAffinities(affinity.epochEnded(epoch));
            }
            epochsRun++;
            onEpoch.accept(history);
            weigher.epochEnded(ran.steps().trainLosses());
            steps.rates().epochEnded(record);
            String early = stopper == null ? null : stopper.epochEnded(record);
            if (checkpoints != null) {
                checkpoints.epochEnded(record, history);
            }
            for (FitListener listener : listeners) {
                listener.epochEnded(record, history);
            }
            if (early != null) {
                kind = StopReason.Kind.EARLY_STOPPING;
                detail = early;
                break;
            }
            if (steps.stop().stopRequested() && e + 1 < settings.epochs()) {
                kind = StopReason.Kind.STOP_REQUESTED;
                detail = steps.stop().reason();
                break;
            }
        }
        int lastEpoch = history.isEmpty() ? 0 : history.lastEpoch().epoch();
        StopReason reason = new StopReason(kind, lastEpoch, detail, 0);
        if (stopper != null) {
            int restored = stopper.restoreBest(partial);
            if (restored > 0) {
                reason = reason.restoring(restored);
            }
        }
        TrainingRun run = new TrainingRun(history, epochsRun, device,
                (System.nanoTime() - start) / 1e9, reason, steps.guard().skipped());
        listeners.forEach(l -> l.fitEnded(run));
        if (divergence != null) {
            throw new TrainingDivergedException(divergence + (reason.restoredEpoch() > 0
                    ? " Early stopping then gave the model the parameters of its best epoch, "
                            + reason.restoredEpoch() + "."
                    : ""), run);
        }
        return run;
    }

    /**
     * The shuffle of epoch {@code epoch} (1-based over the model's history), from the seed and the
     * epoch number only: where fits were split does not change the order, so fit(10) then fit(10)
     * shuffles like fit(20).
     */
    private Random shuffle(int epoch) {
        long mixed = settings.seed() * 0x9E3779B97F4A7C15L + epoch;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        return new Random(mixed ^ (mixed >>> 31));
    }

    /**
     * An epoch's steps, and the heads' outputs of its steps in split row order (running training
     * metrics; null when not collected) or, for a streamed epoch, its running metrics per task
     * (else null); or why the epoch stopped early (with, for a divergence, its short and full
     * account) and how many steps it applied before.
     */
    private record EpochRun(EpochSteps steps, List<float[]> outputs,
            List<Map<String, Double>> metrics, StopReason.Kind stop, int stepsApplied,
            String[] divergence) {

        static EpochRun stopped(StopReason.Kind stop, int stepsApplied) {
            return new EpochRun(null, null, null, stop, stepsApplied, null);
        }
    }

    /** One epoch, or why it stopped before its end. */
    private EpochRun runEpoch(
            TrainingRows train,
            Steps steps,
            Random shuffle,
            int epoch,
            int epochIndex,
            TrainingHistory history,
            StepClock clock,
            boolean collectOutputs) {
        int tasks = parts.labels().size();
        List<int[]> counts = new ArrayList<>();
        int stepsBefore = history.steps().size();
        if (conflicts != null) {
            conflicts.epochStarted();
        }
        if (affinity != null) {
            affinity.epochStarted();
        }
        try (NDManager epochManager = steps.fit().newSubManager();
                TrainingRows.EpochPass pass = train.epoch(epochManager, shuffle,
                        settings.batchSize())) {
            BatchSequence batches = pass.batches();
            int[] order = pass.order();
            float[] values = new float[batches.size() * 2 * tasks];
            NDList unchecked = new NDList();
            double[] rates = new double[batches.size()];
            boolean streamed = train.hostLabels() == null;
            RunningOutputs outputs = collectOutputs && !streamed
                    ? new RunningOutputs(measuredTasks(), epochManager)
                    : null;
            StreamedRunningMetrics streamedMetrics = collectOutputs && streamed
                    ? new StreamedRunningMetrics(parts.labels(), measuredTasks(), epochManager)
                    : null;
            steps.step().collectOutputs(collectOutputs);
            int applied = 0;
            for (int b = 0; b < batches.size(); b++) {
                if (Thread.currentThread().isInterrupted()) {
                    return EpochRun.stopped(StopReason.Kind.INTERRUPTED, applied);
                }
                if (steps.stop().stopRequested()) {
                    return EpochRun.stopped(StopReason.Kind.STOP_REQUESTED, applied);
                }
                int fitStep = epochIndex * clock.stepsPerEpoch() + b;
                float[] checked = null;
                try (NDManager stepManager = steps.fit().newSubManager()) {
                    Batch batch = batches.batch(b, stepManager);
                    int[] labelled = batch.counts();
                    float[][] hostLosses = new float[1][];
                    TrainingStep.Outcome outcome = steps.lossesFirst()
                            ? steps.step().run(batch, stepManager,
                                    losses -> NonFiniteGuard.finite(
                                            hostLosses[0] = Tensors.toFloats(losses), labelled))
                            : steps.step().run(batch, stepManager);
                    ParameterUpdate.StepGradients gradients = steps.update().gather(stepManager);
                    NonFiniteGuard.Verdict verdict = NonFiniteGuard.Verdict.APPLY;
                    if (checkSteps) {
                        checked = hostLosses[0] == null
                                ? StepChecks.host(stepManager, outcome.losses(),
                                        outcome.weights(), gradients)
                                : StepChecks.afterLosses(hostLosses[0], outcome, gradients,
                                        stepManager);
                        verdict = steps.guard().check(checked, labelled, stepsBefore + b + 1);
                    } else {
                        NDArray record = outcome.record();
                        record.attach(epochManager);
                        unchecked.add(record);
                    }
                    switch (verdict) {
                        case STOP -> {
                            String[] account = {
                                steps.guard().summary(checked, labelled, epoch, b + 1),
                                steps.guard().message(checked, labelled, epoch, b + 1,
                                        stepsBefore + b + 1, history.epochs().size(),
                                        parts.block())};
                            steps.update().discard();
                            return new EpochRun(null, null, null, StopReason.Kind.DIVERGED,
                                    applied, account);
                        }
                        case SKIP -> steps.update().discard();
                        case APPLY -> {
                            applyUpdate(steps, stepManager, batch, gradients, fitStep);
                            applied++;
                        }
                    }
                    rates[b] = steps.rates().rate(fitStep);
                    if (checked != null) {
                        System.arraycopy(checked, 0, values, b * 2 * tasks, 2 * tasks);
                    }
                    if (outputs != null) {
                        outputs.add(outcome.outputs());
                    }
                    if (streamedMetrics != null) {
                        streamedMetrics.add(outcome.outputs(), batches.lastLabels());
                    }
                    counts.add(labelled);
                }
                if (!listeners.isEmpty()) {
                    float[] stepValues = checked;
                    int[] stepCounts = counts.get(counts.size() - 1);
                    StepProgress progress = clock.progress(epoch, b + 1,
                            () -> lossesOf(stepValues != null ? stepValues
                                    : Tensors.toFloats(unchecked.get(unchecked.size() - 1)),
                                    stepCounts));
                    listeners.forEach(l -> l.stepEnded(progress));
                }
            }
            if (!checkSteps) {
                values = Tensors.toFloats(Torch.stack(unchecked, 0));
            }
            return new EpochRun(EpochSteps.of(values, counts, rates, epoch, stepsBefore),
                    outputs == null ? null : outputs.inRowOrder(order),
                    streamedMetrics == null ? null : streamedMetrics.values(), null, applied,
                    null);
        }
    }

    /**
     * The rate of a DJL optimizer, which a schedule sets before every update.
     *
     * @throws IllegalStateException for a schedule on an optimizer whose rate cannot change
     */
    private static AdjustableRate adjustable(Optimizer optimizer, TrainingControls controls) {
        AdjustableRate rate = AdjustableRate.of(optimizer);
        if (rate == null && controls.schedule() != null) {
            throw new IllegalStateException("The learning-rate schedule " + controls.schedule()
                    + " cannot drive this model's optimizer " + optimizer + ", which was not made"
                    + " by OptimizerSpec.create(). Fit with an optimizer option such as"
                    + " sgd(0.1).");
        }
        return rate;
    }

    /** Applies a checked step's gradients at the step's learning rate. */
    private static void applyUpdate(Steps steps, NDManager stepManager, Batch batch,
            ParameterUpdate.StepGradients gradients, int fitStep) {
        if (steps.tracker() != null) {
            steps.tracker().set(steps.rates().rate(fitStep));
        }
        NDArray factor = steps.fused() && steps.rates().scheduled()
                ? steps.rates().factor(fitStep, stepManager)
                : null;
        steps.update().apply(stepManager, batch, gradients, factor,
                steps.rates().hostFactor(fitStep));
    }

    /** A step's losses on the host (NaN where the batch had no label). */
    private static double[] lossesOf(float[] values, int[] labelled) {
        double[] losses = new double[labelled.length];
        for (int t = 0; t < losses.length; t++) {
            losses[t] = labelled[t] > 0 ? values[t] : Double.NaN;
        }
        return losses;
    }

    /** Numbers a fit's steps for progress reports. */
    private record StepClock(long start, int epochIndex, int stepsPerEpoch, int epochs) {
        StepProgress progress(int epoch, int step, java.util.function.Supplier<double[]> losses) {
            return new StepProgress(epoch, step, stepsPerEpoch,
                    epochIndex * stepsPerEpoch + step, epochs * stepsPerEpoch,
                    (System.nanoTime() - start) / 1e9, losses);
        }
    }

    /**
     * What an epoch without a validation split reports: no validation losses (NaN), and the
     * training steps' outputs for the metrics (none without metrics).
     */
    private static Evaluation notEvaluated(int tasks, List<float[]> runningOutputs) {
        double[] losses = new double[tasks];
        Arrays.fill(losses, Double.NaN);
        return new Evaluation(losses, runningOutputs != null ? runningOutputs
                : java.util.Collections.nCopies(tasks, new float[0]));
    }

    /** Whether each task has a metric. */
    private boolean[] measuredTasks() {
        List<TaskSpec> tasks = parts.spec().tasks();
        boolean[] measured = new boolean[tasks.size()];
        for (int t = 0; t < measured.length; t++) {
            measured[t] = !tasks.get(t).metrics().isEmpty();
        }
        return measured;
    }

    /** Whether any task has a metric (else, without validation, nothing needs a forward pass). */
    private boolean hasMetrics() {
        return parts.spec().tasks().stream().anyMatch(task -> !task.metrics().isEmpty());
    }

    private EpochRecord epochRecord(
            int epoch,
            EpochSteps steps,
            TrainingRows train,
            DeviceSplit validation,
            Evaluator evaluator,
            long epochStart,
            List<float[]> runningOutputs,
            List<Map<String, Double>> streamedMetrics) {
        List<org.mtl4j.data.LabelValues> measured = validation != null
                ? validation.hostLabels() : train.hostLabels();
        Evaluation evaluation = validation != null
                ? evaluator.evaluate(validation, true)
                : notEvaluated(parts.labels().size(), runningOutputs);
        List<TaskEpoch> tasks = new ArrayList<>();
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            // streamed: summed as the rows passed; streamed without validation, or a task
            // without metrics: none to compute
            Map<String, Double> metrics = streamedMetrics != null ? streamedMetrics.get(t)
                    : measured == null || labels.task().metrics().isEmpty() ? Map.of()
                    : MetricValues.of(labels, evaluation.outputs().get(t), measured.get(t));
            tasks.add(new TaskEpoch(labels.task().name(), steps.trainLosses()[t],
                    evaluation.losses()[t], steps.meanWeight(t), metrics));
        }
        List<StepRecord> stepRecords = steps.steps();
        return new EpochRecord(epoch, tasks, (System.nanoTime() - epochStart) / 1e9,
                stepRecords.get(stepRecords.size() - 1).learningRate());
    }
}
