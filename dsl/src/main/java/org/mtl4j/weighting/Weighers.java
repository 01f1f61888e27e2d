package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;

/**
 * What the weighers share: reading the vectors of a saved state (with messages that name what is
 * wrong), and the step of the strategies that weigh each loss by a number computed on the host.
 */
final class Weighers {

    private Weighers() {}

    /**
     * The vector {@code name} of {@code state}, of length {@code length}.
     *
     * @throws IllegalArgumentException if it is missing or of another length
     */
    static double[] vector(Map<String, double[]> state, String name, int length) {
        double[] values = state.get(name);
        if (values == null || values.length != length) {
            throw new IllegalArgumentException("The saved weighting state has no vector '" + name
                    + "' of length " + length + ". Received: " + state.keySet()
                    + (values == null ? "" : ", '" + name + "' of length " + values.length)
                    + ". Was it saved with another weighting or number of tasks?");
        }
        return values.clone();
    }

    /** The step's losses on the host in double precision, NaN for a task without labels. */
    static double[] hostLosses(StepLosses losses) {
        double[] values = losses.stacked().toType(DataType.FLOAT64, false).toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!losses.hasLabels(i)) {
                values[i] = Double.NaN;
            }
        }
        return values;
    }

    /**
     * Backpropagates {@code Σ α_i L_i} with the weights computed on the host.
     *
     * @return the weights, in the losses' type, owned by the step
     */
    static NDArray weightedBackward(StepLosses losses, double[] weights) {
        NDArray stacked = losses.stacked();
        NDArray alphas = losses.manager().create(weights).toType(stacked.getDataType(), false);
        losses.backward(stacked.mul(alphas).sum());
        return alphas;
    }
}
