package org.mtl4j.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mtl4j.weighting.StateMerge;

/**
 * A weighting's state (named vectors: uncertainty's log-variances, GradNorm's weights, DWA's loss
 * history, an optimizer's moments...) as text for {@code BarrierTaskContext.allGather}, and how
 * the replicas' states become one at a parameter averaging ({@code syncEvery(k)}, k &gt; 1):
 *
 * <ul>
 *   <li>each vector is combined over the replicas that have it (a replica that has not stepped
 *       yet lacks an optimizer's moments, FAMO's previous losses...) and hold it non-empty;
 *   <li>a vector for which the weighting declares a rule ({@code TaskWeigher.stateMerging()},
 *       {@link StateMerge}) follows it: STCH's nadir sum and count are averaged alike, FAMO's
 *       previous losses over the replicas that had the task's labels, a random generator's
 *       position is the first replica's (an average of positions is none the generator reaches);
 *       the three rules below are for the other vectors;
 *   <li>a vector equal on every replica stays as it is (bit for bit: random positions, seeds);
 *   <li>a vector of whole numbers (step counts, flags) takes, value by value, the largest (a
 *       replica that skipped steps must not set the others' Adam step counts back);
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
     * share of the rows (summing to 1). Each vector is combined over the replicas that have it
     * (a replica that has not stepped yet, e.g. on an empty partition, may lack an optimizer's
     * moments or hold an empty vector); the others do not count.
     *
     * @param merging per key, how the weighting declares its values combine ({@link
     *     StateMerge}); keys not in it take the default of the class comment
     * @throws IllegalStateException when a vector has two different non-zero lengths on two
     *     replicas, naming it
     */
    static Map<String, double[]> combine(List<Map<String, double[]>> states, double[] weights,
            Map<String, StateMerge> merging) {
        Map<String, double[]> combined = new TreeMap<>();
        for (String key : keys(states)) {
            List<double[]> all = new ArrayList<>();
            List<double[]> flags = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            StateMerge merge = merging.get(key);
            for (int p = 0; p < states.size(); p++) {
                double[] values = states.get(p).get(key);
                if (values == null || values.length == 0) {
                    continue;
                }
                if (!all.isEmpty() && values.length != all.get(0).length) {
                    throw differentLengths(key, states, p);
                }
                all.add(values);
                shares.add(weights[p]);
                flags.add(merge != null && merge.flag() != null
                        ? states.get(p).get(merge.flag()) : null);
            }
            combined.put(key, all.isEmpty() ? new double[0]
                    : merge == null ? combine(all, shares)
                    : switch (merge.kind()) {
                        case MEAN -> mean(all, shares, null);
                        case MEAN_WHERE -> mean(all, shares, flags);
                        case FIRST -> firstWithRows(all, shares).clone();
                        case LARGEST -> largest(all);
                    });
        }
        return combined;
    }

    /**
     * The first replica's vector among those with rows: a replica without rows never steps, so
     * its values (a random generator's position) never move.
     */
    private static double[] firstWithRows(List<double[]> all, List<Double> shares) {
        for (int i = 0; i < all.size(); i++) {
            if (shares.get(i) > 0) {
                return all.get(i);
            }
        }
        return all.get(0);
    }

    /** Every key of every replica's state, in order. */
    private static Set<String> keys(List<Map<String, double[]>> states) {
        Set<String> keys = new TreeSet<>();
        states.forEach(state -> keys.addAll(state.keySet()));
        return keys;
    }

    /** One vector's values on the replicas that have it, as one, by the default rules. */
    private static double[] combine(List<double[]> all, List<Double> shares) {
        boolean equal = true;
        boolean whole = true;
        for (double[] values : all) {
            equal &= Arrays.equals(values, all.get(0));
            for (double value : values) {
                whole &= value == Math.rint(value);
            }
        }
        if (equal) {
            return all.get(0).clone();
        }
        if (whole) {
            return largest(all);
        }
        return mean(all, shares, null);
    }

    /**
     * Value by value, the average weighted by {@code shares} over the replicas whose value is
     * finite and (with {@code flags}) whose flag there is {@code > 0}; none: the first's value.
     */
    private static double[] mean(List<double[]> all, List<Double> shares, List<double[]> flags) {
        double[] average = new double[all.get(0).length];
        for (int i = 0; i < average.length; i++) {
            double sum = 0;
            double weight = 0;
            for (int p = 0; p < all.size(); p++) {
                boolean present = flags == null || flags.get(p) != null
                        && flags.get(p).length > i && flags.get(p)[i] > 0;
                if (present && Double.isFinite(all.get(p)[i])) {
                    sum += shares.get(p) * all.get(p)[i];
                    weight += shares.get(p);
                }
            }
            average[i] = weight > 0 ? sum / weight : all.get(0)[i];
        }
        return average;
    }

    /**
     * Value by value, the largest (step counts: a replica that skipped steps, or has not stepped
     * since the last averaging, must not set the others' counts back; flags: set on any).
     */
    private static double[] largest(List<double[]> all) {
        double[] largest = all.get(0).clone();
        for (double[] values : all) {
            for (int i = 0; i < largest.length; i++) {
                largest[i] = Math.max(largest[i], values[i]);
            }
        }
        return largest;
    }

    private static IllegalStateException differentLengths(String key,
            List<Map<String, double[]>> states, int p) {
        int first = 0;
        while (states.get(first).get(key) == null || states.get(first).get(key).length == 0) {
            first++;
        }
        return new IllegalStateException("The replicas' weighting states cannot be combined:"
                + " a vector has other lengths on two replicas. Received: '" + key
                + "' of length " + states.get(first).get(key).length + " on replica " + first
                + " and length " + states.get(p).get(key).length + " on replica " + p
                + ". This weighting changes the length of its state while it trains; train it"
                + " with syncEvery(1) (exact synchronous training, no state to combine).");
    }
}
