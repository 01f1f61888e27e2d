package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

/**
 * GradNorm (Chen et al. 2018, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in
 * Deep Multitask Networks", ICML): learned task weights w_t that balance the norms
 * {@code G_t = |∇_W w_t L_t|} of the tasks' gradients on the last shared layer W. Each step the
 * weights move (by their own Adam, in PyTorch's form: {@link TaskWeightAdam}) down the gradient of {@code Σ_t |G_t − Ḡ · r_t^α|}, where Ḡ is
 * the mean norm and {@code r_t} the task's loss ratio {@code L_t / L_t(0)} relative to the mean
 * ratio (treated as constants, as in the paper); then they are renormalised to sum to T. The model
 * itself takes the gradient of {@code Σ w_t L_t}. A task that trains slower than the others gets
 * a larger weight; a larger α pulls harder. The weight chart shows w_t. {@code L_t(0)} is the
 * task's first labelled loss of the fit; weights are kept above 1e-6. There is no inner solve
 * to converge: as in the paper, the weights take one optimizer step per training step.
 *
 * <p>Example: {@code .weighting(gradNorm())} (α = 1.5 as in the paper's NYUv2 runs, weights
 * learning at 1e-3), {@code .weighting(gradNorm(0.12))} (the paper's toy problem)
 *
 * @param alpha the asymmetry α ≥ 0
 * @param learningRate the learning rate of the weights' Adam, > 0
 */
public record GradNormWeighting(double alpha, double learningRate) implements Weighting {

    /** The paper's α for NYUv2. */
    public static final double DEFAULT_ALPHA = 1.5;

    /** The weights' default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private static final double MINIMUM_WEIGHT = 1e-6;

    /** Checks the hyper-parameters. */
    public GradNormWeighting {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("gradNorm(alpha) needs a finite alpha ≥ 0."
                    + " Received: alpha=" + alpha + ". Use e.g. gradNorm(1.5).");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("gradNorm(...).withLearningRate(rate) needs a"
                    + " finite rate > 0. Received: " + learningRate + ". Use e.g."
                    + " withLearningRate(1e-3).");
        }
    }

    /** The same α with another learning rate for the weights. */
    public GradNormWeighting withLearningRate(double rate) {
        return new GradNormWeighting(alpha, rate);
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        return new Weigher(context.lastSharedLayer("gradNorm()"), context.tasks().size(),
                context.manager());
    }

    /**
     * The gradient of the GradNorm loss with respect to each labelled task's weight.
     *
     * @param norms G_t, the norms of the weighted tasks' gradients on W
     * @param weights w_t
     * @param ratios L_t / L_t(0)
     */
    double[] weightGradient(double[] norms, double[] weights, double[] ratios) {
        int n = norms.length;
        double meanNorm = 0;
        double meanRatio = 0;
        for (int t = 0; t < n; t++) {
            meanNorm += norms[t] / n;
            meanRatio += ratios[t] / n;
        }
        double[] gradient = new double[n];
        for (int t = 0; t < n; t++) {
            double target = meanNorm * Math.pow(ratios[t] / meanRatio, alpha);
            gradient[t] = Math.signum(norms[t] - target) * norms[t] / weights[t];
        }
        return gradient;
    }

    private final class Weigher implements TaskWeigher {

        private final Parameter lastShared;
        private final double[] weights;
        private final double[] initialLosses;
        private final TaskWeightAdam adam;

        Weigher(Parameter lastShared, int tasks, NDManager manager) {
            this.lastShared = lastShared;
            this.weights = GramMath.filled(tasks, 1);
            this.initialLosses = GramMath.filled(tasks, Double.NaN);
            this.adam = new TaskWeightAdam(tasks, learningRate, manager);
        }

        @Override
        public NDArray backward(StepLosses losses) {
            NDManager step = losses.manager();
            int[] active = losses.labelledTasks();
            double[] used = weights.clone();
            NDList measured = new NDList();
            NDArray previous = null;
            for (int i = 0; i < active.length; i++) {
                int t = active[i];
                NDArray weight = step.create((float) weights[t]).toType(
                        losses.loss(t).getDataType(), false);
                NDArray objective = losses.loss(t).mul(weight);
                if (i == active.length - 1) {
                    losses.backward(objective);
                } else {
                    losses.backwardKeepingGraph(objective);
                }
                NDArray gradient = lastShared.getArray().getGradient();
                gradient.attach(step);
                NDArray current = gradient.duplicate();
                NDArray own = previous == null ? current : current.sub(previous);
                measured.add(own.norm().reshape(1));
                measured.add(losses.loss(t).stopGradient().reshape(1));
                previous = current;
            }
            if (active.length > 0) {
                update(active, NDArrays.concat(measured).toType(
                        DataType.FLOAT64, false).toDoubleArray());
            }
            return step.create(used);
        }

        @Override
        public java.util.Map<String, double[]> state() {
            java.util.Map<String, double[]> state = new java.util.HashMap<>();
            state.put("weights", weights.clone());
            state.put("initialLosses", initialLosses.clone());
            adam.saveTo(state, "adam.");
            return state;
        }

        /** The weights' Adam moments averaged over the replicas that stepped each weight. */
        @Override
        public java.util.Map<String, StateMerge> stateMerging() {
            return TaskWeightAdam.stateMerging("adam.");
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            double[] saved = Weighers.vector(state, "weights", weights.length);
            double[] initial = Weighers.vector(state, "initialLosses", weights.length);
            adam.restoreFrom(state, "adam.");
            System.arraycopy(saved, 0, weights, 0, weights.length);
            System.arraycopy(initial, 0, initialLosses, 0, weights.length);
        }

        /** One Adam step of the labelled tasks' weights, then renormalisation to Σ w = T. */
        private void update(int[] active, double[] normsAndLosses) {
            int n = active.length;
            double[] norms = new double[n];
            double[] own = new double[n];
            double[] ratios = new double[n];
            for (int i = 0; i < n; i++) {
                int t = active[i];
                norms[i] = normsAndLosses[2 * i];
                double loss = normsAndLosses[2 * i + 1];
                if (Double.isNaN(initialLosses[t])) {
                    initialLosses[t] = loss;
                }
                own[i] = weights[t];
                ratios[i] = initialLosses[t] > 0 ? loss / initialLosses[t] : 1;
            }
            double[] moved = adam.step(weights, active, weightGradient(norms, own, ratios));
            for (int t : active) {
                weights[t] = Math.max(MINIMUM_WEIGHT, moved[t]);
            }
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            for (int t = 0; t < weights.length; t++) {
                weights[t] *= weights.length / sum;
            }
        }
    }

    @Override
    public String toString() {
        return "gradNorm(" + alpha + ").withLearningRate(" + learningRate + ")";
    }
}
