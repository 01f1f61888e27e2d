package org.mtl4j.spec.metrics;

/**
 * Root mean squared error of a regression task, in the label's units (also when the target is
 * standardised for training: outputs and labels are turned back first).
 *
 * <p>Example: {@code .metric(rmse())}
 */
public record Rmse() implements Metric {

    @Override
    public String name() {
        return "rmse";
    }

    @Override
    public boolean forClasses() {
        return false;
    }

    @Override
    public double compute(TaskPredictions p) {
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            double error = p.predicted()[i] - p.actual()[i];
            sum += error * error;
        }
        return Math.sqrt(sum / p.size());
    }

    @Override
    public String toString() {
        return "rmse()";
    }
}
