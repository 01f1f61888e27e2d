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
