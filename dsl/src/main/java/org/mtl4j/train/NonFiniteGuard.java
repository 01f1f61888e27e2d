package org.mtl4j.train;

import org.mtl4j.engine.NoGrad;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.model.MultiTaskBlock;

/**
 * Watches every step of a fit for non-finite values before its update is applied: the labelled
 * tasks' losses (read before the backward), then the task weights and the largest gradient
 * magnitude (one small copy after it). A bad step is either skipped ({@code
 * skipNonFiniteSteps()}) or ends the fit with a message naming the task (or the gradient or
 * weights), the epoch and step, and the last finite loss. Skipping stops too once a whole
 * epoch's worth of steps in a row was skipped: the training cannot recover by itself then.
 */
final class NonFiniteGuard {

    private final List<String> tasks;
    private final boolean skip;
    private final int stepsPerEpoch;
    private final String optimizer;
    private final double[] lastFinite;
    private final int[] lastFiniteStep;
    private int skipped;
    private int inARow;

    NonFiniteGuard(List<String> tasks, boolean skip, int stepsPerEpoch, String optimizer) {
        this.tasks = List.copyOf(tasks);
        this.skip = skip;
        this.stepsPerEpoch = stepsPerEpoch;
        this.optimizer = optimizer;
        this.lastFinite = new double[tasks.size()];
        this.lastFiniteStep = new int[tasks.size()];
    }

    /** What to do with a step. */
    enum Verdict { APPLY, SKIP, STOP }

    /**
     * Checks one step.
     *
     * @param values the task losses, the task weights and the largest gradient magnitude
     * @param labelled per task, the step's labelled rows
     * @param step the step's number in the model's history (from 1)
     */
    Verdict check(float[] values, int[] labelled, int step) {
        if (problem(values, labelled) == null) {
            for (int t = 0; t < tasks.size(); t++) {
                if (labelled[t] > 0) {
                    lastFinite[t] = values[t];
                    lastFiniteStep[t] = step;
                }
            }
            inARow = 0;
            return Verdict.APPLY;
        }
        if (skip && inARow + 1 < stepsPerEpoch) {
            skipped++;
            inARow++;
            return Verdict.SKIP;
        }
        return Verdict.STOP;
    }

    /** Whether every labelled task's loss is finite. */
    static boolean finite(float[] losses, int[] labelled) {
        for (int t = 0; t < losses.length; t++) {
            if (labelled[t] > 0 && !Float.isFinite(losses[t])) {
                return false;
            }
        }
        return true;
    }

    /** The weights and gradient of a step that ran no backward: NaN, not computed. */
    static float[] notComputed(int tasks) {
        float[] values = new float[tasks + 1];
        java.util.Arrays.fill(values, Float.NaN);
        return values;
    }

    /** Steps skipped so far. */
    int skipped() {
        return skipped;
    }

    /**
     * The message for a step {@link #check} stopped at.
     *
     * @param epoch the epoch's number; {@code stepInEpoch} and {@code step} as in the history
     * @param completedEpochs epochs the model keeps
     * @param block the network, to name the first parameter with a non-finite gradient or value
     */
    String message(float[] values, int[] labelled, int epoch, int stepInEpoch, int step,
            int completedEpochs, MultiTaskBlock block) {
        StringBuilder text = new StringBuilder("Training diverged at epoch ").append(epoch)
                .append(", step ").append(stepInEpoch).append(" of ").append(stepsPerEpoch)
                .append(" (step ").append(step).append(" of the model): ")
                .append(problem(values, labelled)).append(". ");
        int n = tasks.size();
        if (finite(java.util.Arrays.copyOf(values, n), labelled)
                && !Float.isFinite(values[2 * n])) {
            String where = firstNonFinite(block, true);
            if (where != null) {
                text.append("The first non-finite gradient is in parameter '").append(where)
                        .append("'. ");
            }
        }
        text.append(lastFiniteLosses(values, labelled));
        if (inARow > 0) {
            text.append(" The ").append(inARow).append(" steps before it were skipped too, a"
                    + " whole epoch's worth in a row, so skipping cannot recover.");
        }
        text.append(" The model keeps the parameters of the last step with finite values (this"
                + " step's update was not applied) and its ").append(completedEpochs)
                .append(" completed epoch").append(completedEpochs == 1 ? "" : "s")
                .append("; the steps of epoch ").append(epoch).append(" are not in its history.");
        String broken = firstNonFinite(block, false);
        if (broken != null) {
            text.append(" The parameters themselves are no longer finite (first: '")
                    .append(broken).append("'): an earlier update overflowed, so build a new"
                            + " model.");
        }
        text.append(" Lower the learning rate (this fit used ").append(optimizer)
                .append("), clip gradients with clipGradientNorm(1.0), check labels and inputs"
                        + " for extreme values, or pass skipNonFiniteSteps() to skip such"
                        + " steps.");
        return text.toString();
    }

    /** A short account for the run's stop reason, e.g. "epoch 1, step 3: the loss of ...". */
    String summary(float[] values, int[] labelled, int epoch, int stepInEpoch) {
        return "at epoch " + epoch + ", step " + stepInEpoch + " of " + stepsPerEpoch + ", "
                + problem(values, labelled);
    }

    /** What is not finite in a step, or null if everything is. */
    private String problem(float[] values, int[] labelled) {
        int n = tasks.size();
        List<String> losses = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (labelled[t] > 0 && !Float.isFinite(values[t])) {
                losses.add("'" + tasks.get(t) + "' (" + values[t] + ")");
            }
        }
        if (!losses.isEmpty()) {
            return (losses.size() == 1 ? "the loss of task " : "the losses of tasks ")
                    + String.join(", ", losses) + (losses.size() == 1 ? " is" : " are")
                    + " not finite";
        }
        boolean badWeight = false;
        for (int t = 0; t < n; t++) {
            badWeight |= !Float.isFinite(values[n + t]);
        }
        if (badWeight) {
            // the names and values are written only for a bad step (not on every step)
            List<String> weights = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                weights.add(tasks.get(t) + "=" + values[n + t]);
            }
            return "the weighting strategy gave non-finite task weights " + weights;
        }
        float gradient = values[2 * n];
        if (!Float.isFinite(gradient)) {
            return "the gradient is not finite (largest magnitude " + gradient + ") while every"
                    + " task's loss is";
        }
        return null;
    }

    private String lastFiniteLosses(float[] values, int[] labelled) {
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            if (labelled[t] == 0) {
                continue;
            }
            if (Float.isFinite(values[t])) {
                parts.add("'" + tasks.get(t) + "' " + number(values[t]) + " at this step");
            } else if (lastFiniteStep[t] > 0) {
                parts.add("'" + tasks.get(t) + "' " + number(lastFinite[t]) + " at step "
                        + lastFiniteStep[t]);
            } else {
                parts.add("'" + tasks.get(t) + "' none in this fit");
            }
        }
        return "Last finite loss" + (parts.size() == 1 ? " of task " : "es: ")
                + String.join(", ", parts) + ".";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** The first parameter whose gradient (or value) is not finite, or null. */
    private static String firstNonFinite(MultiTaskBlock block, boolean gradient) {
        try (NoGrad ignored = new NoGrad()) {
            for (var entry : block.getParameters()) {
                Parameter parameter = entry.getValue();
                NDArray array = parameter.getArray();
                if (gradient && !array.hasGradient()) {
                    continue;
                }
                NDArray copy = gradient ? array.getGradient() : null;
                try (NDArray magnitude = (gradient ? copy : array).abs();
                        NDArray largest = magnitude.max()) {
                    if (!Float.isFinite(Tensors.toFloats(largest)[0])) {
                        return entry.getKey();
                    }
                } finally {
                    if (copy != null) {
                        copy.close();
                    }
                }
            }
        }
        return null;
    }
}
