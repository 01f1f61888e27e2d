package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Random;

/**
 * GradVac, gradient vaccine (Wang, Tsvetkov, Firat and Cao 2021, "Gradient Vaccine:
 * Investigating and Improving Multi-task Optimization in Massively Multilingual Models", ICLR):
 * like PCGrad, but each pair of tasks has a target cosine similarity {@code φ̂_ij}, an exponential
 * moving average of the similarities seen so far. When task i's (already altered) gradient has a
 * lower similarity φ with task j's than the target, j's gradient is added to it so that the
 * similarity becomes exactly φ̂_ij: {@code g_i += g_j · |g_i| (φ̂ √(1−φ²) − φ √(1−φ̂²)) / (|g_j|
 * √(1−φ̂²))}. Tasks j are visited in random order; the update is the sum of the altered
 * gradients, a combination {@code Σ α_i g_i} whose α the weight chart shows. With every target
 * at 0 (the start) it is PCGrad.
 *
 * <p>The paper gives no code; mtl4j follows its Algorithm 1: targets start at 0 and move by
 * {@code φ̂ ← (1−β) φ̂ + β φ} after every pair, with the paper's β = 0.01, over the whole shared
 * gradient. LibMTL's version differs: β = 0.5, the target moves only when it was not met, and
 * optionally per layer. A pair with a task unlabelled in the step is skipped.
 *
 * <p>Example: {@code .weighting(gradVac())}, {@code .weighting(gradVac(0.5))}
 *
 * @param beta the moving average's rate β in (0, 1]
 */
public record GradVacWeighting(double beta) implements Weighting {

    /** The paper's β. */
    public static final double DEFAULT_BETA = 0.01;

    /** Below this 1 − φ̂², the target is taken as ±1 and the pair is left as it is. */
    private static final double MIN_SINE_SQUARED = 1e-12;

    /** Checks β. */
    public GradVacWeighting {
        if (!(beta > 0 && beta <= 1)) {
            throw new IllegalArgumentException("gradVac(beta) needs 0 < beta ≤ 1. Received: beta="
                    + beta + ". Use e.g. gradVac(0.01).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        context.requireSharedParameters(toString());
        return new Weigher(context);
    }

    /**
     * The α_i of the altered sum for the labelled tasks' Gram matrix; reads and updates the
     * targets {@code targets[active[i]][active[j]]}.
     */
    double[] weights(double[][] gram, int[] active, double[][] targets, Random random) {
        int n = gram.length;
        double[][] altered = new double[n][n];
        for (int i = 0; i < n; i++) {
            altered[i][i] = 1;
            for (int j : GramMath.shuffledOthers(i, n, random)) {
                alter(gram, altered[i], j, targets[active[i]], active[j]);
            }
        }
        return GramMath.rowSum(altered);
    }

    /** One pair: task i's combination {@code row} against task j, and the target's update. */
    private void alter(double[][] gram, double[] row, int j, double[] targetsOfI, int taskJ) {
        double[] gRow = GramMath.times(gram, row);
        double normI = Math.sqrt(Math.max(GramMath.dot(row, gRow), 0));
        double normJ = Math.sqrt(gram[j][j]);
        if (normI == 0 || normJ == 0) {
            return;
        }
        // rounding can put the cosine of (near-)parallel gradients just outside [−1, 1]
        double phi = Math.max(-1, Math.min(1, gRow[j] / (normI * normJ)));
        double target = targetsOfI[taskJ];
        double sineSquared = 1 - target * target;
        // a target of ±1 cannot be reached by adding g_j (the division would be by 0): skip it
        if (phi < target && sineSquared >= MIN_SINE_SQUARED) {
            row[j] += normI * (target * Math.sqrt(1 - phi * phi)
                    - phi * Math.sqrt(sineSquared))
                    / (normJ * Math.sqrt(sineSquared));
        }
        targetsOfI[taskJ] = (1 - beta) * target + beta * phi;
    }

    private final class Weigher implements TaskWeigher {

        private final List<NDArray> shared;
        private final ResumableRandom random;
        private final double[][] targets;

        Weigher(WeightingContext context) {
            this.shared = context.sharedParameters().stream().map(Parameter::getArray).toList();
            this.random = new ResumableRandom(context.seed());
            int tasks = context.tasks().size();
            this.targets = new double[tasks][tasks];
        }

        @Override
        public NDArray backward(StepLosses losses) {
            TaskGradients gradients = TaskGradients.of(losses, shared);
            double[][] gram = gradients.gram();
            return gradients.apply(gram.length == 0 ? new double[0]
                    : weights(gram, gradients.active(), targets, random));
        }

        @Override
        public java.util.Map<String, double[]> state() {
            java.util.Map<String, double[]> state = new java.util.HashMap<>(random.state());
            double[] flat = new double[targets.length * targets.length];
            for (int i = 0; i < targets.length; i++) {
                System.arraycopy(targets[i], 0, flat, i * targets.length, targets.length);
            }
            state.put("targets", flat);
            return state;
        }

        @Override
        public java.util.Map<String, StateMerge> stateMerging() {
            return ResumableRandom.MERGING;
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            random.restore(state);
            int n = targets.length;
            double[] flat = Weighers.vector(state, "targets", n * n);
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * n, targets[i], 0, n);
            }
        }
    }

    @Override
    public String toString() {
        return "gradVac(" + beta + ")";
    }
}
