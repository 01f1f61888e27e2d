package org.mtl4j.weighting;

import java.util.Map;

/** Reads the vectors of a saved weigher state, with messages that name what is wrong. */
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
}
