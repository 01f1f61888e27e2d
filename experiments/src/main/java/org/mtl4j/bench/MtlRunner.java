package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.TaskBuilder;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.TrainingRun;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.Table;

/**
 * Trains a {@link Workload} with mtl4j's {@code fit()}, as a user would: the DSL model, metrics
 * ({@code mae()}, {@code accuracy()}, unless turned off) evaluated after every epoch, progress off
 * ({@code quiet()}).
 * Every {@link #run} continues training the same model.
 *
 * <p>Example: {@code try (MtlRunner r = new MtlRunner(SMALL, data, equal(), 1)) { r.run(5); }}
 */
final class MtlRunner implements AutoCloseable {

    private final Workload workload;
    private final Table table;
    private final int threads;
    private final MultiTaskModel model;
    private String device = "not trained yet";
    private boolean unchecked;

    MtlRunner(Workload workload, BenchData data, Weighting weighting, int threads) {
        this(workload, data, weighting, threads, true);
    }

    /** As above; without {@code metrics} no task has a metric, so no evaluation pass runs. */
    MtlRunner(Workload workload, BenchData data, Weighting weighting, int threads,
            boolean metrics) {
        this.workload = workload;
        this.table = data.table();
        this.threads = threads;
        ModelBuilder builder = multiTask()
                .input(numeric(data.featureNames()))
                .trunk(workload.trunkLayers());
        TaskBuilder task = null;
        for (int t = 0; t < workload.regressionHeads(); t++) {
            task = (task == null ? builder.task("value" + t) : task.task("value" + t))
                    .head(dense(1)).loss(mse()).metric(metrics ? new Metric[] {mae()}
                            : new Metric[0]);
        }
        if (workload.classHead()) {
            task = (task == null ? builder.task("kind") : task.task("kind"))
                    .head(dense(3)).loss(crossEntropy()).metric(metrics
                            ? new Metric[] {accuracy()} : new Metric[0]);
        }
        this.model = task.weighting(weighting).build();
    }

    /**
     * This runner with the per-step divergence check off ({@code -Dmtl4j.nonFiniteCheck=false}
     * during its fits), to measure what the check costs.
     */
    MtlRunner withoutNonFiniteCheck() {
        unchecked = true;
        return this;
    }

    /**
     * Trains {@code epochs} more epochs.
     *
     * @return the fit's wall time in seconds and its step count
     */
    Timing run(int epochs, FitListener... listeners) {
        FitOption[] options = new FitOption[6 + listeners.length];
        options[0] = epochs(epochs);
        options[1] = batchSize(workload.batchSize());
        options[2] = adam(1e-3);
        options[3] = threads(threads);
        options[4] = seed(7);
        options[5] = quiet();
        for (int i = 0; i < listeners.length; i++) {
            options[6 + i] = listener(listeners[i]);
        }
        int before = model.history().steps().size();
        if (unchecked) {
            System.setProperty("mtl4j.nonFiniteCheck", "false");
        }
        Timing.Clock clock = Timing.start();
        TrainingRun run;
        try {
            run = model.fit(table, options);
        } finally {
            System.clearProperty("mtl4j.nonFiniteCheck");
        }
        device = run.device();
        return clock.stop(run.history().steps().size() - before);
    }

    /** Where the last fit trained (the device of the model's arrays). */
    String device() {
        return device;
    }

    /** The last step's task losses. */
    double[] lastLosses() {
        var steps = model.history().steps();
        return steps.get(steps.size() - 1).losses();
    }

    @Override
    public void close() {
        model.close();
    }
}
