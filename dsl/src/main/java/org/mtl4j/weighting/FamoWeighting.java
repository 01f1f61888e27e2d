package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;

/**
 * FAMO, fast adaptive multitask optimization (Liu, Liu, Jin, Stone and Liu 2023, "FAMO: Fast
 * Adaptive Multitask Optimization", NeurIPS): task logits ξ give {@code z = softmax(ξ)}; each step
 * minimises {@code Σ z_i log L_i / c} with {@code c = Σ z_i / L_i}, i.e. the task losses weighted
 * {@code α_i = (z_i / L_i) / Σ_j (z_j / L_j)} (the weights sum to 1, like a mean of the losses,
 * where {@code equal()}'s sum to T). After a step, the logits move so that the task whose log-loss
 * fell least gets more weight: the gradient of {@code softmax(ξ)} along {@code δ_i = log L_i(before)
 * − log L_i(after)}, {@code ∂_j = z_j (δ_j − Σ_i z_i δ_i)}, taken by Adam with weight decay γ on ξ.
 * One backward per step, no per-task gradients.
 *
 * <p>Defaults are those of the paper's code ({@code famo.py}): logits start at 0, learning rate
 * 0.025, γ = 0.01, losses measured against a minimum of 0 with ε = 1e-8. mtl4j departs in two
 * places: the "after" losses are the next step's losses (on the next batch, which the loop has
 * anyway) instead of a second forward of the same batch, and the paper's gradient clipping to
 * norm 1 is not built in (use the fit's clipping option). A task without labels in a batch gets
 * weight 0 and leaves its logit's δ at 0.
 *
 * <p>Example: {@code .weighting(famo())}, {@code .weighting(famo(0.025, 0.001))}
 *
 * @param learningRate Adam's learning rate for the task logits, &gt; 0
 * @param gamma the weight decay of the logits (γ), ≥ 0
 */
public record FamoWeighting(double learningRate, double gamma) implements Weighting {

    /** The paper code's learning rate for the logits. */
    public static final double DEFAULT_LEARNING_RATE = 0.025;

    /** The paper code's weight decay of the logits. */
    public static final double DEFAULT_GAMMA = 0.01;

    static final double EPSILON = 1e-8;

    /** Checks the settings. */
    public FamoWeighting {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("famo(learningRate, gamma) needs a finite learning"
                    + " rate > 0. Received: learningRate=" + learningRate
                    + ". Use e.g. famo(0.025, 0.01).");
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("famo(learningRate, gamma) needs a finite gamma ≥ 0."
                    + " Received: gamma=" + gamma + ". Use e.g. famo(0.025, 0.01).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        return new Weigher(context);
    }

    /** {@code softmax(logits)}. */
    static double[] softmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElse(0);
        double[] result = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            result[i] = Math.exp(logits[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < logits.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    /**
     * The loss weights {@code α_i = (z_i / D_i) / Σ_j (z_j / D_j)}, {@code D_i = L_i + ε}, over the
     * labelled tasks (NaN loss: unlabelled, weight 0).
     */
    static double[] weights(double[] logits, double[] losses) {
        double[] z = softmax(logits);
        double[] alphas = new double[z.length];
        double c = 0;
        for (int i = 0; i < z.length; i++) {
            if (!Double.isNaN(losses[i])) {
                alphas[i] = z[i] / (losses[i] + EPSILON);
                c += alphas[i];
            }
        }
        for (int i = 0; i < z.length; i++) {
            alphas[i] = c > 0 ? alphas[i] / c : 0;
        }
        return alphas;
    }

    /** The gradient of the logits for the losses before and after a step (NaN: not labelled). */
    static double[] logitGradient(double[] logits, double[] before, double[] after) {
        double[] z = softmax(logits);
        double[] delta = new double[z.length];
        double mean = 0;
        for (int i = 0; i < z.length; i++) {
            if (!Double.isNaN(before[i]) && !Double.isNaN(after[i])) {
                delta[i] = Math.log(before[i] + EPSILON) - Math.log(after[i] + EPSILON);
            }
            mean += z[i] * delta[i];
        }
        double[] gradient = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            gradient[i] = z[i] * (delta[i] - mean);
        }
        return gradient;
    }

    private final class Weigher implements TaskWeigher {

        private final double[] logits;
        private final TaskWeightAdam adam;
        private final int[] all;
        private double[] previous;

        Weigher(WeightingContext context) {
            int tasks = context.tasks().size();
            this.logits = new double[tasks];
            this.adam = new TaskWeightAdam(tasks, learningRate, context.manager());
            this.all = java.util.stream.IntStream.range(0, tasks).toArray();
        }

        @Override
        public NDArray backward(StepLosses losses) {
            double[] current = Weighers.hostLosses(losses);
            if (previous != null) {
                double[] gradient = logitGradient(logits, previous, current);
                for (int i = 0; i < logits.length; i++) {
                    gradient[i] += gamma * logits[i];
                }
                System.arraycopy(adam.step(logits, all, gradient), 0, logits, 0, logits.length);
            }
            previous = current;
            return Weighers.weightedBackward(losses, weights(logits, current));
        }

        @Override
        public java.util.Map<String, double[]> state() {
            java.util.Map<String, double[]> state = new java.util.HashMap<>();
            state.put("logits", logits.clone());
            adam.saveTo(state, "adam.");
            if (previous != null) {
                // JSON has no NaN: the losses, and which tasks had labels
                double[] values = new double[previous.length];
                double[] labelled = new double[previous.length];
                for (int i = 0; i < values.length; i++) {
                    labelled[i] = Double.isNaN(previous[i]) ? 0 : 1;
                    values[i] = Double.isNaN(previous[i]) ? 0 : previous[i];
                }
                state.put("previous", values);
                state.put("previousLabelled", labelled);
            }
            return state;
        }

        /** A previous loss averaged over the replicas that had the task's labels (0: absent). */
        @Override
        public java.util.Map<String, StateMerge> stateMerging() {
            java.util.Map<String, StateMerge> merging = new java.util.HashMap<>(
                    TaskWeightAdam.stateMerging("adam."));
            merging.put("previous", StateMerge.meanWhere("previousLabelled"));
            merging.put("previousLabelled", StateMerge.largest());
            return merging;
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            System.arraycopy(Weighers.vector(state, "logits", logits.length), 0, logits, 0,
                    logits.length);
            adam.restoreFrom(state, "adam.");
            previous = null;
            if (state.containsKey("previous")) {
                previous = Weighers.vector(state, "previous", logits.length);
                double[] labelled = Weighers.vector(state, "previousLabelled", logits.length);
                for (int i = 0; i < previous.length; i++) {
                    previous[i] = labelled[i] > 0 ? previous[i] : Double.NaN;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "famo(" + learningRate + ", " + gamma + ")";
    }
}
