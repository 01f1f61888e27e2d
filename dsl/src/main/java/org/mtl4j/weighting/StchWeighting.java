package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;

/**
 * Smooth Tchebycheff scalarisation, STCH (Lin, Zhang, Yang, Zhang and Zhang 2024, "Smooth
 * Tchebycheff Scalarization for Multi-Objective Optimization", ICML): minimises a smooth maximum
 * of the tasks' normalised log-losses, {@code T · μ · log Σ_i exp(log(L_i / n_i) / μ)}, so the
 * worst-off task (relative to its nadir {@code n_i}) leads; as μ → 0 it is the Tchebycheff
 * (min-max) scalarisation. The nadir point is each task's mean training loss over the last warm-up
 * epoch; before that the objective is the sum of log-losses. The loss weight the chart shows is
 * the objective's derivative by {@code L_i}: {@code T · softmax(log(L/n)/μ)_i / L_i} (and {@code
 * 1/L_i} while warming up), so the update is exactly the objective's gradient.
 *
 * <p>Defaults are those of the paper's multi-task code (as in LibMTL): μ = 1, warm-up of 4 epochs
 * of log-loss sum (epochs 0–3), the fifth (epoch 4) still log-loss while it averages the nadir,
 * STCH from epoch 5 on; ε = 1e-20 inside the logarithms. mtl4j departs where tasks lack labels:
 * such a task gets weight 0 in a step and its nadir is the mean over the steps where it had
 * labels (1 if it never had any); a nadir of 0 (a task whose loss was exactly 0 throughout the
 * nadir epoch) is taken as ε.
 *
 * <p>Example: {@code .weighting(stch())}, {@code .weighting(stch(0.5, 2))}
 *
 * @param mu the smoothing μ &gt; 0
 * @param warmupEpochs epochs of log-loss sum before the nadir epoch, ≥ 0
 */
public record StchWeighting(double mu, int warmupEpochs) implements Weighting {

    /** The paper code's smoothing. */
    public static final double DEFAULT_MU = 1.0;

    /** The paper code's warm-up epochs. */
    public static final int DEFAULT_WARMUP_EPOCHS = 4;

    static final double EPSILON = 1e-20;

    /** Checks the settings. */
    public StchWeighting {
        if (!(mu > 0) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("stch(mu, warmupEpochs) needs a finite mu > 0."
                    + " Received: mu=" + mu + ". Use e.g. stch(1.0, 4).");
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("stch(mu, warmupEpochs) needs warmupEpochs ≥ 0."
                    + " Received: warmupEpochs=" + warmupEpochs + ". Use e.g. stch(1.0, 4).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        return new Weigher(context.tasks().size());
    }

    /** The warm-up weights {@code 1 / (L_i + ε)} (NaN loss: unlabelled, weight 0). */
    static double[] logWeights(double[] losses) {
        double[] alphas = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            alphas[i] = Double.isNaN(losses[i]) ? 0 : 1 / (losses[i] + EPSILON);
        }
        return alphas;
    }

    /** The STCH weights {@code T · softmax(u/μ)_i / (n_i (L_i/n_i + ε))}, {@code u = log(L/n + ε)}. */
    double[] stchWeights(double[] losses, double[] nadir) {
        int n = losses.length;
        double[] u = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(losses[i])) {
                u[i] = Math.log(losses[i] / nadir[i] + EPSILON);
                max = Math.max(max, u[i]);
            }
        }
        double[] soft = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(losses[i])) {
                soft[i] = Math.exp((u[i] - max) / mu);
                sum += soft[i];
            }
        }
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(losses[i])) {
                alphas[i] = n * soft[i] / sum / (nadir[i] * (losses[i] / nadir[i] + EPSILON));
            }
        }
        return alphas;
    }

    private final class Weigher implements TaskWeigher {

        private int epoch;
        private final double[] nadirSum;
        private final double[] nadirCount;

        Weigher(int tasks) {
            nadirSum = new double[tasks];
            nadirCount = new double[tasks];
        }

        @Override
        public NDArray backward(StepLosses losses) {
            double[] current = Weighers.hostLosses(losses);
            double[] weights;
            if (epoch <= warmupEpochs) {
                weights = logWeights(current);
                if (epoch == warmupEpochs) {
                    for (int i = 0; i < current.length; i++) {
                        if (!Double.isNaN(current[i])) {
                            nadirSum[i] += current[i];
                            nadirCount[i]++;
                        }
                    }
                }
            } else {
                weights = stchWeights(current, nadir());
            }
            return Weighers.weightedBackward(losses, weights);
        }

        private double[] nadir() {
            double[] nadir = new double[nadirSum.length];
            for (int i = 0; i < nadir.length; i++) {
                // a loss of exactly 0 through the nadir epoch: ε, so that L / n stays finite
                nadir[i] = nadirCount[i] > 0
                        ? Math.max(nadirSum[i] / nadirCount[i], EPSILON) : 1;
            }
            return nadir;
        }

        @Override
        public void epochEnded(double[] trainLosses) {
            epoch++;
        }

        @Override
        public java.util.Map<String, double[]> state() {
            return java.util.Map.of("epoch", new double[] {epoch}, "nadirSum", nadirSum.clone(),
                    "nadirCount", nadirCount.clone());
        }

        /** The nadir's sum and count averaged alike, so their ratio stays a mean loss. */
        @Override
        public java.util.Map<String, StateMerge> stateMerging() {
            return java.util.Map.of("nadirSum", StateMerge.mean(), "nadirCount",
                    StateMerge.mean());
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            epoch = (int) Weighers.vector(state, "epoch", 1)[0];
            System.arraycopy(Weighers.vector(state, "nadirSum", nadirSum.length), 0, nadirSum, 0,
                    nadirSum.length);
            System.arraycopy(Weighers.vector(state, "nadirCount", nadirCount.length), 0,
                    nadirCount, 0, nadirCount.length);
        }
    }

    @Override
    public String toString() {
        return "stch(" + mu + ", " + warmupEpochs + ")";
    }
}
