package org.mtl4j.weighting;

/**
 * How data-parallel replicas' values of one vector of a weighting's state become one when they
 * average their parameters (the {@code mtl4j-spark} module's {@code syncEvery(k)}, k &gt; 1; each
 * replica weighs its own batches between averagings). A weigher declares it per key in {@link
 * TaskWeigher#stateMerging()}; a key it does not declare is combined by the default: a vector
 * equal on every replica is kept, one of whole numbers (step counts, flags) takes value by value
 * the largest, any other the average weighted by the replicas' rows.
 *
 * <p>Example (STCH: a nadir's sum and count averaged together keep their ratio a mean of losses;
 * FAMO: a previous loss averaged only over the replicas that saw the task):
 *
 * <pre>{@code
 * Map.of("nadirSum", StateMerge.mean(), "nadirCount", StateMerge.mean());
 * Map.of("previous", StateMerge.meanWhere("previousLabelled"));
 * }</pre>
 *
 * @param kind how the values combine
 * @param flag for {@link Kind#MEAN_WHERE}: the key of the vector whose value {@code > 0} says
 *     that a replica's value at that position is present; null otherwise
 */
public record StateMerge(Kind kind, String flag) {

    /** How the values combine. */
    public enum Kind {
        /** Value by value, the average weighted by the replicas' rows (finite values only). */
        MEAN,
        /** Value by value, the average over the replicas whose flag is set there. */
        MEAN_WHERE,
        /** The first replica's vector among those with rows: positions of a random generator. */
        FIRST,
        /** Value by value, the largest: step counts, flags set on any replica. */
        LARGEST
    }

    /** Checks that a flag comes with {@link Kind#MEAN_WHERE} and only with it. */
    public StateMerge {
        if ((kind == Kind.MEAN_WHERE) != (flag != null)) {
            throw new IllegalArgumentException("StateMerge needs a flag key with MEAN_WHERE and"
                    + " none otherwise. Received: kind=" + kind + ", flag=" + flag
                    + ". Use StateMerge.meanWhere(\"labelled\") or StateMerge.mean().");
        }
    }

    /** The average weighted by the replicas' rows. */
    public static StateMerge mean() {
        return new StateMerge(Kind.MEAN, null);
    }

    /** The average over the replicas whose vector {@code flag} is {@code > 0} at a position. */
    public static StateMerge meanWhere(String flag) {
        return new StateMerge(Kind.MEAN_WHERE, flag);
    }

    /** The first replica's vector. */
    public static StateMerge first() {
        return new StateMerge(Kind.FIRST, null);
    }

    /** The largest value at each position. */
    public static StateMerge largest() {
        return new StateMerge(Kind.LARGEST, null);
    }
}
