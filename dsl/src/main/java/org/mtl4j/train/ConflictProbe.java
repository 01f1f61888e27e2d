package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.engine.Torch;
import org.mtl4j.weighting.StepLosses;
import org.mtl4j.weighting.TaskGradients;

/**
 * The {@link ConflictMonitor} at work in one fit: decides which steps it samples, takes the
 * tasks' shared gradients of a sampled step ({@link TaskGradients} over a graph-keeping view of
 * the losses), clears every gradient again, and sums the pairs' figures until the epoch ends.
 */
final class ConflictProbe {

    private final ConflictMonitor monitor;
    private final List<String> tasks;
    private final List<NDArray> shared;
    private final List<Parameter> all;
    private final List<Integer> sampledSteps = new ArrayList<>();
    private double[][] cosines;
    private int[][] conflicts;
    private double[][] logRatios;
    private int[][] samples;
    private int step;

    ConflictProbe(ConflictMonitor monitor, List<String> tasks, List<Parameter> shared,
            List<Parameter> all) {
        if (tasks.size() < 2) {
            throw new IllegalArgumentException("conflictMonitor() compares the gradients of pairs"
                    + " of tasks and needs at least two tasks. Received: tasks=" + tasks
                    + ". Fit without conflictMonitor(), or add a task.");
        }
        this.monitor = monitor;
        this.tasks = List.copyOf(tasks);
        this.shared = shared.stream().map(Parameter::getArray).toList();
        this.all = List.copyOf(all);
        epochStarted();
    }

    /** Forgets the sums: a new epoch (or a stopped one) starts. */
    void epochStarted() {
        int n = tasks.size();
        cosines = new double[n][n];
        conflicts = new int[n][n];
        logRatios = new double[n][n];
        samples = new int[n][n];
        step = 0;
        sampledSteps.clear();
    }

    /** Counts a step; whether it is sampled. */
    boolean nextStep() {
        step++;
        return monitor.samples(step);
    }

    /** The steps of the current epoch (1-based) measured so far. */
    List<Integer> sampledSteps() {
        return List.copyOf(sampledSteps);
    }

    /**
     * Measures a sampled step before its weighting runs; leaves every gradient at zero.
     *
     * @param losses the step's losses (in the graph)
     * @param cut the step's cut at the trunk output, or null
     */
    void measure(StepLosses losses, TrunkCut cut) {
        TaskGradients gradients = TaskGradients.of(new KeptGraphLosses(losses, cut), shared);
        for (Parameter parameter : all) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                Torch.zeroGradient(array);
            }
        }
        add(gradients.active(), gradients.gram());
        sampledSteps.add(step);
    }

    /** Adds one step's Gram matrix (rows: the tasks {@code active}). */
    void add(int[] active, double[][] gram) {
        for (int i = 0; i < active.length; i++) {
            for (int j = i + 1; j < active.length; j++) {
                double a = gram[i][i];
                double b = gram[j][j];
                if (!(a > 0 && b > 0)) {
                    continue;
                }
                double cosine = gram[i][j] / Math.sqrt(a * b);
                int ta = active[i];
                int tb = active[j];
                cosines[ta][tb] += cosine;
                conflicts[ta][tb] += cosine < 0 ? 1 : 0;
                logRatios[ta][tb] += 0.5 * Math.log(a / b);
                samples[ta][tb]++;
            }
        }
    }

    /** The epoch's figures, one record per pair of tasks (NaN where a pair had no sample). */
    List<ConflictRecord> epochEnded(int epoch) {
        List<ConflictRecord> records = new ArrayList<>();
        for (int a = 0; a < tasks.size(); a++) {
            for (int b = a + 1; b < tasks.size(); b++) {
                int n = samples[a][b];
                records.add(new ConflictRecord(epoch, tasks.get(a), tasks.get(b),
                        n == 0 ? Double.NaN : cosines[a][b] / n,
                        n == 0 ? Double.NaN : (double) conflicts[a][b] / n,
                        n == 0 ? Double.NaN : Math.exp(logRatios[a][b] / n), n));
            }
        }
        epochStarted();
        return records;
    }
}
