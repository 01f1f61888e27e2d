package org.mtl4j.spec.metrics;

/**
 * A task's predictions next to its labels, for the rows that have a label. For classification
 * both arrays hold class indices (as doubles); for regression, values.
 *
 * <p>Example: {@code new Accuracy().compute(new TaskPredictions(2, new double[] {0, 1}, new
 * double[] {0, 0}))} is 0.5.
 *
 * @param classes number of classes (0 for a regression)
 * @param predicted predicted class index or value per row
 * @param actual label class index or value per row, same length
 * @param scores for a two-class task the predicted probability of the positive class (class 1)
 *     per row, same length; empty otherwise ({@link Auc} reads it)
 */
public record TaskPredictions(int classes, double[] predicted, double[] actual, double[] scores) {

    /** Validates the lengths. */
    public TaskPredictions {
        if (predicted.length != actual.length
                || (scores.length != 0 && scores.length != actual.length)) {
            throw new IllegalArgumentException(
                    "predicted, actual (and scores, when given) must have the same length."
                            + " Received: " + predicted.length + ", " + actual.length + " and "
                            + scores.length + ".");
        }
    }

    /** Predictions without scores (every metric but {@link Auc}). */
    public TaskPredictions(int classes, double[] predicted, double[] actual) {
        this(classes, predicted, actual, new double[0]);
    }

    /** Number of labelled rows. */
    public int size() {
        return actual.length;
    }
}
