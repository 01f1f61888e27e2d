package org.mtl4j.spec.metrics;

/**
 * Fraction of labelled rows whose predicted class is the label.
 *
 * <p>Example: {@code .metric(accuracy())}
 */
public record Accuracy() implements Metric {

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public boolean forClasses() {
        return true;
    }

    @Override
    public double compute(TaskPredictions p) {
        int correct = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.predicted()[i] == p.actual()[i]) {
                correct++;
            }
        }
        return (double) correct / p.size();
    }

    @Override
    public String toString() {
        return "accuracy()";
    }
}
