package org.mtl4j.spec.metrics;

/**
 * Macro-averaged F1: the unweighted mean over classes of {@code 2·TP / (2·TP + FP + FN)}. Classes
 * that neither occur in the labels nor are predicted are left out of the mean (as scikit-learn
 * does when given the labels present).
 *
 * <p>Example: {@code .metric(macroF1())}
 */
public record MacroF1() implements Metric {

    @Override
    public String name() {
        return "macro_f1";
    }

    @Override
    public boolean forClasses() {
        return true;
    }

    @Override
    public double compute(TaskPredictions p) {
        int classes = Math.max(p.classes(), 1);
        int[] truePositives = new int[classes];
        int[] predictedCount = new int[classes];
        int[] actualCount = new int[classes];
        for (int i = 0; i < p.size(); i++) {
            int predicted = (int) p.predicted()[i];
            int actual = (int) p.actual()[i];
            predictedCount[predicted]++;
            actualCount[actual]++;
            if (predicted == actual) {
                truePositives[actual]++;
            }
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            int denominator = predictedCount[c] + actualCount[c];
            if (denominator > 0) {
                sum += 2.0 * truePositives[c] / denominator;
                counted++;
            }
        }
        return sum / counted;
    }

    @Override
    public String toString() {
        return "macroF1()";
    }
}
