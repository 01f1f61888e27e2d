package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
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

    /**
     * The state of a weigher that learns log-scales with its own optimizer: "logScales" and the
     * optimizer's moments (see {@link OptimizerMoments}).
     */
    static Map<String, double[]> logScalesState(
            NDArray logScales, Optimizer optimizer, String parameterId) {
        Map<String, double[]> state = new HashMap<>(OptimizerMoments.read(optimizer, parameterId));
        state.put("logScales", logScales.toType(DataType.FLOAT64, false).toDoubleArray());
        return state;
    }

    /** Restores what {@link #logScalesState} saved, in the log-scales' own type. */
    static void restoreLogScales(Map<String, double[]> state, NDArray logScales,
            Optimizer optimizer, String parameterId) {
        double[] saved = vector(state, "logScales", (int) logScales.size());
        if (logScales.getDataType() == DataType.FLOAT64) {
            logScales.set(DoubleBuffer.wrap(saved));
        } else {
            float[] floats = new float[saved.length];
            for (int i = 0; i < saved.length; i++) {
                floats[i] = (float) saved[i];
            }
            logScales.set(FloatBuffer.wrap(floats));
        }
        OptimizerMoments.write(optimizer, parameterId, state, logScales);
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
