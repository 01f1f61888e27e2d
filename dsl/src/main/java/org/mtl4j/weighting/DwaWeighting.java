package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;

/**
 * Dynamic weight average (Liu, Johns and Davison 2019, "End-to-End Multi-Task Learning with
 * Attention", CVPR): each epoch, a task's weight follows how fast its loss fell over the last two
 * epochs, {@code w_t = T · softmax(r / τ)_t} with {@code r_t = L_t(e−1) / L_t(e−2)} (mean
 * training losses). A task that stalls gets more weight. The first two epochs use weight 1; a
 * task with no labelled row in an epoch counts as r = 1. The weights sum to T.
 *
 * <p>Example: {@code .weighting(dwa())} (τ = 2, the paper's), {@code .weighting(dwa(1.0))}
 *
 * @param temperature τ > 0: large values flatten the weights towards 1
 */
public record DwaWeighting(double temperature) implements Weighting {

    /** The paper's temperature. */
    public static final double DEFAULT_TEMPERATURE = 2.0;

    /** Checks the temperature. */
    public DwaWeighting {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("dwa(temperature) needs a finite temperature > 0."
                    + " Received: " + temperature + ". Use e.g. dwa(2.0).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        return new Weigher(context);
    }

    /** The weights after epochs with mean losses {@code older} then {@code newer}. */
    double[] weights(double[] older, double[] newer) {
        int tasks = older.length;
        double[] exponentials = new double[tasks];
        double sum = 0;
        for (int t = 0; t < tasks; t++) {
            double ratio = newer[t] / older[t];
            if (!Double.isFinite(ratio)) {
                ratio = 1;
            }
            exponentials[t] = Math.exp(ratio / temperature);
            sum += exponentials[t];
        }
        for (int t = 0; t < tasks; t++) {
            exponentials[t] *= tasks / sum;
        }
        return exponentials;
    }

    private final class Weigher implements TaskWeigher {

        private final WeightingContext context;
        private NDArray current;
        private double[] older;
        private double[] newer;

        Weigher(WeightingContext context) {
            this.context = context;
            this.current = context.scalars().vector(GramMath.filled(context.tasks().size(), 1));
        }

        @Override
        public NDArray backward(StepLosses losses) {
            losses.backward(losses.stacked().mul(current).sum());
            return current;
        }

        @Override
        public java.util.Map<String, double[]> state() {
            java.util.Map<String, double[]> state = new java.util.HashMap<>();
            if (older != null) {
                state.put("older", older.clone());
            }
            if (newer != null) {
                state.put("newer", newer.clone());
            }
            return state;
        }

        @Override
        public void restore(java.util.Map<String, double[]> state) {
            int tasks = context.tasks().size();
            older = state.containsKey("older") ? Weighers.vector(state, "older", tasks) : null;
            newer = state.containsKey("newer") ? Weighers.vector(state, "newer", tasks) : null;
            if (older != null) {
                NDArray next = context.scalars().vector(weights(older, newer));
                current.close();
                current = next;
            }
        }

        @Override
        public void epochEnded(double[] trainLosses) {
            older = newer;
            newer = trainLosses.clone();
            if (older != null) {
                NDArray next = context.scalars().vector(weights(older, newer));
                current.close();
                current = next;
            }
        }
    }

    @Override
    public String toString() {
        return "dwa(" + temperature + ")";
    }
}
