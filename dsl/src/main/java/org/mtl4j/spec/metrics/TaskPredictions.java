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
 */
public record TaskPredictions(int classes, double[] predicted, double[] actual) {

    /** Validates the lengths. */
    public TaskPredictions {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(
                    "predicted and actual must have the same length. Received: "
                            + predicted.length + " and " + actual.length + ".");
        }
    }

    /** Number of labelled rows. */
    public int size() {
        return actual.length;
    }
}
