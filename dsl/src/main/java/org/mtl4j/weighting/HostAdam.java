package org.mtl4j.weighting;

/**
 * Adam (Kingma and Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8) for a few numbers kept on the host,
 * each with its own step count: the learned weights of a strategy.
 *
 * <p>Example: {@code w[t] -= adam.step(t, gradient)}
 */
final class HostAdam {

    private final double learningRate;
    private final double[] means;
    private final double[] variances;
    private final int[] steps;

    HostAdam(int size, double learningRate) {
        this.learningRate = learningRate;
        this.means = new double[size];
        this.variances = new double[size];
        this.steps = new int[size];
    }

    /** The moments and step counts, prefixed by {@code prefix}. */
    void saveTo(java.util.Map<String, double[]> state, String prefix) {
        state.put(prefix + "mean", means.clone());
        state.put(prefix + "variance", variances.clone());
        state.put(prefix + "steps", java.util.Arrays.stream(steps).asDoubleStream().toArray());
    }

    /** Reads what {@link #saveTo} wrote. */
    void restoreFrom(java.util.Map<String, double[]> state, String prefix) {
        double[] mean = Weighers.vector(state, prefix + "mean", means.length);
        double[] variance = Weighers.vector(state, prefix + "variance", means.length);
        double[] counts = Weighers.vector(state, prefix + "steps", means.length);
        System.arraycopy(mean, 0, means, 0, means.length);
        System.arraycopy(variance, 0, variances, 0, means.length);
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (int) counts[i];
        }
    }

    /** The change to subtract from value {@code i} for this gradient. */
    double step(int i, double gradient) {
        steps[i]++;
        means[i] = 0.9 * means[i] + 0.1 * gradient;
        variances[i] = 0.999 * variances[i] + 0.001 * gradient * gradient;
        double mean = means[i] / (1 - Math.pow(0.9, steps[i]));
        double variance = variances[i] / (1 - Math.pow(0.999, steps[i]));
        return learningRate * mean / (Math.sqrt(variance) + 1e-8);
    }
}
