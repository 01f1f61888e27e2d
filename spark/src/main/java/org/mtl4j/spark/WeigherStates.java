package org.mtl4j.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A weighting's state (named vectors: uncertainty's log-variances, GradNorm's weights, DWA's loss
 * history, an optimizer's moments...) as text for {@code BarrierTaskContext.allGather}, and how
 * the replicas' states become one at a parameter averaging ({@code syncEvery(k)}, k &gt; 1):
 *
 * <ul>
 *   <li>a vector equal on every replica stays as it is (bit for bit: random positions, seeds);
 *   <li>a vector of whole numbers (step counts, flags) takes the first replica's values;
 *   <li>any other vector (learned weights, loss history, moments) takes, value by value, the
 *       average weighted like the parameters' (by shard rows) over the replicas where it is
 *       finite (a task's first loss that one replica has not seen yet is NaN there).
 * </ul>
 *
 * <p>Example: {@code Map<String, double[]> back = WeigherStates.decode(WeigherStates.encode(
 * Map.of("logVariances", new double[] {-0.5, -0.5})));}
 */
final class WeigherStates {

    private WeigherStates() {}

    /** The state as text: {@code key:values} pairs (both Base64) separated by commas. */
    static String encode(Map<String, double[]> state) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, double[]> entry : new TreeMap<>(state).entrySet()) {
            ByteBuffer buffer = ByteBuffer.allocate(entry.getValue().length * Double.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            buffer.asDoubleBuffer().put(entry.getValue());
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(Base64.getEncoder().encodeToString(
                            entry.getKey().getBytes(StandardCharsets.UTF_8)))
                    .append(':').append(Base64.getEncoder().encodeToString(buffer.array()));
        }
        return text.toString();
    }

    /** What {@link #encode} wrote. */
    static Map<String, double[]> decode(String text) {
        Map<String, double[]> state = new TreeMap<>();
        if (text.isEmpty()) {
            return state;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            String key = new String(Base64.getDecoder().decode(pair.substring(0, colon)),
                    StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(
                    pair.substring(colon + 1))).order(ByteOrder.LITTLE_ENDIAN);
            double[] values = new double[buffer.remaining() / Double.BYTES];
            buffer.asDoubleBuffer().get(values);
            state.put(key, values);
        }
        return state;
    }

    /**
     * The replicas' states as one (see the class comment); {@code weights}: per replica, its
     * share of the rows (summing to 1).
     *
     * @throws IllegalArgumentException when the replicas' states have other vectors
     */
    static Map<String, double[]> combine(List<Map<String, double[]>> states, double[] weights) {
        Map<String, double[]> first = states.get(0);
        Map<String, double[]> combined = new TreeMap<>();
        for (Map.Entry<String, double[]> entry : first.entrySet()) {
            String key = entry.getKey();
            double[][] all = new double[states.size()][];
            boolean equal = true;
            boolean whole = true;
            for (int p = 0; p < all.length; p++) {
                all[p] = states.get(p).get(key);
                if (all[p] == null || all[p].length != entry.getValue().length) {
                    throw new IllegalArgumentException("The replicas' weighting states differ in"
                            + " shape. Received: '" + key + "' of length "
                            + entry.getValue().length + " on replica 0 and "
                            + (all[p] == null ? "none" : "length " + all[p].length)
                            + " on replica " + p + ". Train every replica from the same model"
                            + " file.");
                }
                equal &= java.util.Arrays.equals(all[p], all[0]);
                for (double value : all[p]) {
                    whole &= value == Math.rint(value);
                }
            }
            if (equal || whole) {
                combined.put(key, all[0].clone());
                continue;
            }
            double[] average = new double[all[0].length];
            for (int i = 0; i < average.length; i++) {
                double sum = 0;
                double weight = 0;
                for (int p = 0; p < all.length; p++) {
                    if (Double.isFinite(all[p][i])) {
                        sum += weights[p] * all[p][i];
                        weight += weights[p];
                    }
                }
                average[i] = weight > 0 ? sum / weight : all[0][i];
            }
            combined.put(key, average);
        }
        return combined;
    }
}
