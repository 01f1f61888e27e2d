package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.Loss;
import org.mtl4j.spec.Scalars;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.weighting.TaskWeigher;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.Table;

/**
 * The epochs of one fit. Every step runs in its own sub-manager (freed at the step's end); the
 * step's losses and weights stay on the device until the epoch ends and come to the host in one
 * copy. The thread's interrupt flag is checked before every step: an interrupted fit stops with
 * the completed epochs recorded and the parameters as the last full step left them.
 */
final class TrainingLoop {

    private final ModelParts parts;
    private final FitSettings settings;
    private final String device;
    private final Consumer<TrainingHistory> onEpoch;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final Runnable beforeBackward;

    TrainingLoop(
            ModelParts parts,
            FitSettings settings,
            Consumer<TrainingHistory> onEpoch,
            Runnable beforeBackward) {
        this.parts = parts;
        this.settings = settings;
        this.device = parts.device().toString();
        this.onEpoch = onEpoch;
        this.beforeBackward = beforeBackward;
        if (!settings.quiet()) {
            listeners.add(ProgressDisplay.create());
        }
        listeners.addAll(settings.listeners());
    }

    TrainingRun run(Table table, Split split, TrainingHistory before) {
        long start = System.nanoTime();
        List<TaskSpec> tasks = parts.spec().tasks();
        List<Loss> losses = tasks.stream().map(TaskSpec::loss).toList();
        MultiTaskBlock block = parts.block();
        try (NDManager fit = parts.manager().newSubManager()) {
            Scalars scalars = new Scalars(fit, parts.dataType());
            DeviceSplit train = DeviceSplit.upload(parts, table, split.train(), fit);
            train.requireLabels(parts.labels(), split.validation().length);
            DeviceSplit validation = split.validation().length == 0
                    ? null
                    : DeviceSplit.upload(parts, table, split.validation(), fit);
            TaskWeigher weigher = parts.weigher(model -> parts.spec().weighting().start(
                    new WeightingContext(parts.spec().taskNames(), model,
                            new Scalars(model, parts.dataType()), block.sharedParameters(),
                            settings.seed(), settings.optimizer()::create)));
            TrainingStep step = new TrainingStep(
                    block, parts.spec().taskNames(), losses, new ParameterStore(fit, false),
                    scalars, weigher, beforeBackward);
            Optimizer optimizer =
                    parts.optimizer(settings.optimizer(), settings.optimizer()::create);
            FusedAdam.Fit fused = FusedAdam.supports(settings.optimizer())
                    ? FusedAdam.of(optimizer, settings.optimizer(),
                            new ArrayList<>(block.getParameters().values()), parts.manager(),
                            parts.dataType()).start(fit, scalars)
                    : null;
            ParameterUpdate update = new ParameterUpdate(block, optimizer,
                    settings.clipGradientNorm(), scalars, fit, fused);
            Evaluator evaluator = new Evaluator(block, losses, scalars, fit);
            update.zeroGradients();

            int stepsPerEpoch = (train.rows() + settings.batchSize() - 1) / settings.batchSize();
            int firstEpoch = before.epochs().size() + 1;
            FitInfo info = new FitInfo(parts.spec().taskNames(), device,
                    EngineSetup.threads(settings), firstEpoch, settings.epochs(), stepsPerEpoch,
                    train.rows(), split.validation().length);
            listeners.forEach(l -> l.fitStarted(info));

            TrainingHistory history = before;
            boolean interrupted = false;
            int epochsRun = 0;
            for (int e = 0; e < settings.epochs(); e++) {
                long epochStart = System.nanoTime();
                int epoch = firstEpoch + e;
                EpochRun ran = runEpoch(train, step, update, fit, shuffle(epoch), epoch,
                        history.steps().size(), new StepClock(start, e, stepsPerEpoch,
                                settings.epochs()), validation == null && hasMetrics());
                if (ran == null) {
                    interrupted = true;
                    break;
                }
                EpochSteps steps = ran.steps();
                EpochRecord record;
                try {
                    record = epochRecord(epoch, steps, train, validation, evaluator, epochStart,
                            ran.outputs());
                } catch (EvaluationInterruptedException stopped) {
                    interrupted = true;
                    break;
                }
                history = history.plus(steps.steps(), record);
                epochsRun++;
                onEpoch.accept(history);
                weigher.epochEnded(steps.trainLosses());
                for (TrainingListener listener : listeners) {
                    listener.epochEnded(record, history);
                }
            }
            TrainingRun run = new TrainingRun(
                    history, epochsRun, device, (System.nanoTime() - start) / 1e9, interrupted);
            listeners.forEach(l -> l.fitEnded(run));
            return run;
        }
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
     * metrics; null when not collected).
     */
    private record EpochRun(EpochSteps steps, List<float[]> outputs) {}

    /** One epoch, or null if the thread was interrupted before the epoch ended. */
    private EpochRun runEpoch(
            DeviceSplit train,
            TrainingStep step,
            ParameterUpdate update,
            NDManager fit,
            Random shuffle,
            int epoch,
            int stepsBefore,
            StepClock clock,
            boolean collectOutputs) {
        int[] order = Split.permutation(train.rows(), shuffle);
        List<int[]> counts = new ArrayList<>();
        try (NDManager epochManager = fit.newSubManager()) {
            EpochBatches batches = train.epoch(epochManager, order, settings.batchSize());
            NDList records = new NDList();
            RunningOutputs outputs = collectOutputs
                    ? new RunningOutputs(measuredTasks(), epochManager)
                    : null;
            for (int b = 0; b < batches.size(); b++) {
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                try (NDManager stepManager = fit.newSubManager()) {
                    Batch batch = batches.batch(b, stepManager);
                    TrainingStep.Outcome outcome = step.run(batch, stepManager);
                    update.apply(stepManager, batch);
                    NDArray record = outcome.record();
                    record.attach(epochManager);
                    if (outputs != null) {
                        outputs.add(outcome.outputs());
                    }
                    records.add(record);
                    counts.add(batch.counts());
                }
                if (!listeners.isEmpty()) {
                    StepProgress progress = clock.progress(epoch, records.size(),
                            () -> lossesOf(records.get(records.size() - 1), counts));
                    listeners.forEach(l -> l.stepEnded(progress));
                }
            }
            float[] values = Tensors.toFloats(NDArrays.stack(records));
            return new EpochRun(EpochSteps.of(values, counts, epoch, stepsBefore),
                    outputs == null ? null : outputs.inRowOrder(order));
        }
    }

    /** A step record's losses on the host (NaN where the batch had no label). */
    private static double[] lossesOf(NDArray record, List<int[]> counts) {
        float[] values = Tensors.toFloats(record);
        int[] labelled = counts.get(counts.size() - 1);
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
            DeviceSplit train,
            DeviceSplit validation,
            Evaluator evaluator,
            long epochStart,
            List<float[]> runningOutputs) {
        DeviceSplit measured = validation != null ? validation : train;
        Evaluation evaluation = validation != null
                ? evaluator.evaluate(validation, true)
                : notEvaluated(parts.labels().size(), runningOutputs);
        List<TaskEpoch> tasks = new ArrayList<>();
        for (int t = 0; t < parts.labels().size(); t++) {
            TaskLabels labels = parts.labels().get(t);
            Map<String, Double> metrics = MetricValues.of(labels, evaluation.outputs().get(t),
                    measured.hostLabels().get(t));
            tasks.add(new TaskEpoch(labels.task().name(), steps.trainLosses()[t],
                    evaluation.losses()[t], steps.meanWeight(t), metrics));
        }
        return new EpochRecord(epoch, tasks, (System.nanoTime() - epochStart) / 1e9);
    }
}
