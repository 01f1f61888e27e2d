package org.mtl4j.spec.metrics;

/**
 * Mean absolute error of a regression task, in the label's units (also when the target is
 * standardised for training: outputs and labels are turned back first).
 *
 * <p>Example: {@code .task("stars").head(dense(1)).loss(mse()).metric(mae())}
 */
public record Mae() implements Metric {

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public boolean forClasses() {
        return false;
    }

    @Override
    public double compute(TaskPredictions p) {
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            sum += Math.abs(p.predicted()[i] - p.actual()[i]);
        }
        return sum / p.size();
    }

    @Override
    public String toString() {
        return "mae()";
    }
}
