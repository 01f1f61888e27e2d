package org.mtl4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import java.util.Random;

/**
 * What the hand-written DJL loops ({@link DjlLoop}, {@link DjlImageLoop}) do alike: DJL's
 * optimizer over every parameter after a backward, and a Fisher–Yates shuffle of the row order.
 *
 * <p>Example: {@code HandLoopSteps.update(parameters, optimizer, stepManager);}
 */
final class HandLoopSteps {

    private HandLoopSteps() {}

    /** Updates every parameter with its gradient, which joins {@code step} to be freed with it. */
    static void update(List<Parameter> parameters, Optimizer optimizer, NDManager step) {
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            NDArray gradient = weight.getGradient();
            gradient.attach(step);
            optimizer.update(parameter.getId(), weight, gradient);
        }
    }

    /** A random order of {@code rows} rows, drawn from {@code shuffle}. */
    static long[] permutation(int rows, Random shuffle) {
        long[] order = new long[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
