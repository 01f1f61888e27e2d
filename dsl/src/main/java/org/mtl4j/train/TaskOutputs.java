package org.mtl4j.train;

import org.mtl4j.spec.losses.LabelKind;

/**
 * Reads a head's raw outputs on the host: the predicted class (argmax of the logits, or logit > 0
 * for a binary task) with its probability, or the predicted value. A row whose class scores are
 * not all finite has no class: {@link #predicted} and {@link #probability} give NaN for it.
 */
final class TaskOutputs {

    private final float[] outputs;
    private final int width;
    private final LabelKind kind;

    TaskOutputs(float[] outputs, int width, LabelKind kind) {
        this.outputs = outputs;
        this.width = width;
        this.kind = kind;
    }

    int rows() {
        return outputs.length / width;
    }

    /** The predicted class index (NaN for non-finite scores), or the predicted value. */
    double predicted(int row) {
        if (kind != LabelKind.NUMBER && !finite(row)) {
            return Double.NaN;
        }
        return switch (kind) {
            case NUMBER -> outputs[row];
            case BINARY -> outputs[row] > 0 ? 1 : 0;
            case CLASSES -> argmax(row);
        };
    }

    /** Whether the task has two classes, so a positive class (class 1) and its probability. */
    boolean hasPositiveClass() {
        return kind == LabelKind.BINARY || (kind == LabelKind.CLASSES && width == 2);
    }

    /**
     * P(positive class) of a two-class task: the sigmoid of a binary task's logit, or of the
     * difference of the two logits (the softmax of class 1); NaN for non-finite scores.
     */
    double positiveProbability(int row) {
        if (!finite(row)) {
            return Double.NaN;
        }
        double logit = kind == LabelKind.BINARY ? outputs[row]
                : outputs[row * width + 1] - outputs[row * width];
        return 1 / (1 + Math.exp(-logit));
    }

    /** The probability of the predicted class (classification only). */
    double probability(int row) {
        if (!finite(row)) {
            return Double.NaN;
        }
        if (kind == LabelKind.BINARY) {
            double positive = 1 / (1 + Math.exp(-outputs[row]));
            return outputs[row] > 0 ? positive : 1 - positive;
        }
        int offset = row * width;
        double max = outputs[offset + argmax(row)];
        double sum = 0;
        for (int c = 0; c < width; c++) {
            sum += Math.exp(outputs[offset + c] - max);
        }
        return 1 / sum;
    }

    private boolean finite(int row) {
        for (int c = row * width; c < (row + 1) * width; c++) {
            if (!Float.isFinite(outputs[c])) {
                return false;
            }
        }
        return true;
    }

    private int argmax(int row) {
        int offset = row * width;
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (outputs[offset + c] > outputs[offset + best]) {
                best = c;
            }
        }
        return best;
    }
}
