package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.mtl4j.engine.FusedAdamOptimizer;
import org.mtl4j.engine.Precision;

/**
 * The saved state of a weigher that learns one value per task with an optimizer like the model's
 * (uncertainty's log-variances, IMTL-L's log-scales): the values under their own name, and the
 * optimizer's moments: mtl4j's Adam's ({@link FusedAdamOptimizer#state}) or, for SGD with
 * momentum, DJL's (see {@link OptimizerMoments}). Both use the keys under which earlier versions
 * saved DJL's Adam, so such files resume on mtl4j's Adam.
 *
 * <p>Example (a weigher's {@code state()} and {@code restore}):
 *
 * <pre>{@code
 * return LearnedVector.state("logScales", logScales, optimizer, PARAMETER);
 * LearnedVector.restore(state, "logScales", logScales, optimizer, PARAMETER);
 * }</pre>
 */
final class LearnedVector {

    private LearnedVector() {}

    /** {@code values} (as doubles, under {@code name}) and their optimizer's moments. */
    static Map<String, double[]> state(String name, NDArray values, Optimizer optimizer,
            String parameter) {
        Map<String, double[]> state = new HashMap<>(optimizer instanceof FusedAdamOptimizer adam
                ? adam.state(parameter) : OptimizerMoments.read(optimizer, parameter));
        state.put(name, values.toType(DataType.FLOAT64, false).toDoubleArray());
        return state;
    }

    /** Restores what {@link #state} saved, in the values' own type. */
    static void restore(Map<String, double[]> state, String name, NDArray values,
            Optimizer optimizer, String parameter) {
        double[] saved = Weighers.vector(state, name, (int) values.size());
        if (values.getDataType() == DataType.FLOAT64) {
            values.set(DoubleBuffer.wrap(saved));
        } else {
            values.set(FloatBuffer.wrap(Precision.narrow(saved)));
        }
        if (optimizer instanceof FusedAdamOptimizer adam) {
            adam.restore(parameter, values, state);
        } else {
            OptimizerMoments.write(optimizer, parameter, state, values);
        }
    }
}
