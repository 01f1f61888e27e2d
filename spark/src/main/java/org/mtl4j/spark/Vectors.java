package org.mtl4j.spark;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Float vectors as Base64 text (little-endian IEEE floats), the form {@code
 * BarrierTaskContext.allGather} carries between replicas; and their weighted sums.
 *
 * <p>Example: {@code float[] back = Vectors.decode(Vectors.encode(new float[] {1f, 2f}));}
 */
final class Vectors {

    private Vectors() {}

    static String encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static float[] decode(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    /**
     * {@code Σ_p weights[p] · vectors[p]}, summed in double precision in replica order (so every
     * replica gets the same floats).
     */
    static float[] weightedSum(float[][] vectors, double[] weights) {
        double[] sum = new double[vectors[0].length];
        for (int p = 0; p < vectors.length; p++) {
            if (weights[p] == 0) {
                continue;
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weights[p] * vectors[p][i];
            }
        }
        float[] result = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            result[i] = (float) sum[i];
        }
        return result;
    }
}
