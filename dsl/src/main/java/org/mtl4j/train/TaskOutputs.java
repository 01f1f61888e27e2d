package org.mtl4j.train;

import org.mtl4j.spec.LabelKind;

/**
 * Reads a head's raw outputs on the host: the predicted class (argmax of the logits, or logit > 0
 * for a binary task) with its probability, or the predicted value.
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

    /** The predicted class index, or the predicted value for a regression. */
    double predicted(int row) {
        return switch (kind) {
            case NUMBER -> outputs[row];
            case BINARY -> outputs[row] > 0 ? 1 : 0;
            case CLASSES -> argmax(row);
        };
    }

    /** P(positive class) of a binary task: the sigmoid of its logit. */
    double positiveProbability(int row) {
        return 1 / (1 + Math.exp(-outputs[row]));
    }

    /** The probability of the predicted class (classification only). */
    double probability(int row) {
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
