package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mtl4j.engine.NoGrad;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.weighting.StepLosses;

/**
 * {@link TaskAffinity} at work in one fit: decides which steps it samples; on a sampled step takes
 * each labelled task's shared gradient on its own (a graph-keeping view of the losses), forms the
 * look-ahead values {@code θ_s − η g_i} as new tensors of the step, clears every gradient, then
 * runs the forwards at {@code θ_s} and at each look-ahead without autograd and without dropout
 * (a {@link LookAheadStore}: the parameters are never written), and sums {@code Z_i→j = 1 −
 * L_j(look-ahead i) / L_j} (Fifty et al. 2021) until the epoch ends.
 */
final class AffinityProbe {

    private final TaskAffinity option;
    private final List<String> tasks;
    private final List<Parameter> shared;
    private final List<Parameter> all;
    private final double stepSize;
    private final Scalars scalars;
    private final List<Integer> sampledSteps = new ArrayList<>();
    private double[][] sums;
    private int[][] samples;
    private int step;

    /**
     * @param stepSize the look-ahead's η
     * @param scalars the fit's scalars (η is applied as a tensor, never as a Java number)
     */
    AffinityProbe(TaskAffinity option, List<String> tasks, List<Parameter> shared,
            List<Parameter> all, double stepSize, Scalars scalars) {
        if (tasks.size() < 2) {
            throw new IllegalArgumentException("taskAffinity() measures how a step on one task"
                    + " changes another task's loss and needs at least two tasks. Received:"
                    + " tasks=" + tasks + ". Fit without taskAffinity(), or add a task.");
        }
        this.option = option;
        this.tasks = List.copyOf(tasks);
        this.shared = List.copyOf(shared);
        this.all = List.copyOf(all);
        this.stepSize = stepSize;
        this.scalars = scalars;
        epochStarted();
    }

    /** Forgets the sums: a new epoch (or a stopped one) starts. */
    void epochStarted() {
        int n = tasks.size();
        sums = new double[n][n];
        samples = new int[n][n];
        step = 0;
        sampledSteps.clear();
    }

    /** Counts a step; whether it is sampled. */
    boolean nextStep() {
        step++;
        return option.samples(step);
    }

    /** The steps of the current epoch (1-based) measured so far. */
    List<Integer> sampledSteps() {
        return List.copyOf(sampledSteps);
    }

    /**
     * Measures a sampled step before its weighting runs; leaves every gradient at zero and every
     * parameter untouched.
     *
     * @param losses the step's losses (in the graph)
     * @param cut the step's cut at the trunk output, or null
     * @param lossesWith the batch's task losses (inference mode, no graph) with the parameter
     *     values a store gives
     */
    void measure(StepLosses losses, TrunkCut cut,
            Function<ParameterStore, NDArray[]> lossesWith) {
        int[] active = losses.labelledTasks();
        NDManager manager = losses.manager();
        KeptGraphLosses kept = new KeptGraphLosses(losses, cut);
        NDArray minusEta = scalars.of(-stepSize);
        List<Map<String, NDArray>> lookAheads = new ArrayList<>(active.length);
        for (int task : active) {
            kept.backwardKeepingGraph(losses.loss(task));
            Map<String, NDArray> moved = new HashMap<>();
            try (NoGrad ignored = new NoGrad()) {
                for (Parameter parameter : shared) {
                    NDArray array = parameter.getArray();
                    NDArray gradient = Torch.gradient(array);
                    if (gradient == null) {
                        continue;
                    }
                    gradient.attach(manager);
                    moved.put(parameter.getId(), gradient.mul(minusEta).add(array));
                    Torch.zeroGradient(array);
                }
            }
            lookAheads.add(moved);
        }
        for (Parameter parameter : all) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                Torch.zeroGradient(array);
            }
        }
        NDList rows = new NDList(active.length + 1);
        try (NoGrad ignored = new NoGrad()) {
            rows.add(NDArrays.stack(new NDList(lossesWith.apply(
                    new LookAheadStore(manager, Map.of())))));
            for (Map<String, NDArray> moved : lookAheads) {
                rows.add(NDArrays.stack(new NDList(lossesWith.apply(
                        new LookAheadStore(manager, moved)))));
            }
        }
        float[] host = Tensors.toFloats(NDArrays.stack(rows));
        int n = tasks.size();
        double[] before = new double[n];
        double[][] after = new double[active.length][n];
        for (int j = 0; j < n; j++) {
            before[j] = host[j];
        }
        for (int r = 0; r < active.length; r++) {
            for (int j = 0; j < n; j++) {
                after[r][j] = host[(r + 1) * n + j];
            }
        }
        add(active, before, after);
        sampledSteps.add(step);
    }

    /**
     * Adds one step's affinities.
     *
     * @param active the labelled tasks, in order
     * @param before every task's loss at {@code θ_s} (read for the labelled ones)
     * @param after per labelled task i (rows in the order of {@code active}), every task's loss
     *     after the look-ahead on i
     */
    void add(int[] active, double[] before, double[][] after) {
        for (int r = 0; r < active.length; r++) {
            for (int j : active) {
                double ratio = after[r][j] / before[j];
                if (!(before[j] > 0) || !Double.isFinite(ratio)) {
                    continue;
                }
                sums[active[r]][j] += 1 - ratio;
                samples[active[r]][j]++;
            }
        }
    }

    /** The epoch's figures, one record per ordered pair of tasks (NaN where none sampled). */
    List<AffinityRecord> epochEnded(int epoch) {
        List<AffinityRecord> records = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            for (int j = 0; j < tasks.size(); j++) {
                int count = samples[i][j];
                records.add(new AffinityRecord(epoch, tasks.get(i), tasks.get(j),
                        count == 0 ? Double.NaN : sums[i][j] / count, count));
            }
        }
        epochStarted();
        return records;
    }
}
