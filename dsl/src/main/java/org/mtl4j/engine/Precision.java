package org.mtl4j.engine;

import org.mtl4j.annotation.Internal;

/**
 * Host arrays between float64 and float32, the two data types a model can have: values saved or
 * computed in double precision go into a float32 model's tensors, and a float64 model's tensors
 * take float32 values.
 *
 * <p>Example: {@code manager.create(Precision.narrow(saved))} for a float32 model.
 */
@Internal
public final class Precision {

    private Precision() {}

    /** {@code values} rounded to float32, element by element. */
    public static float[] narrow(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** {@code values} in double precision (exactly). */
    public static double[] widen(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
