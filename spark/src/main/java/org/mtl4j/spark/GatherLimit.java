package org.mtl4j.spark;

/**
 * The largest exchange {@code BarrierTaskContext.allGather} can carry, checked before each one so
 * that a model too large for it fails with the fix instead of inside Spark's RPC. Spark 3.5 sends
 * every replica's message to the driver and back the whole array of them as one RPC reply; on a
 * cluster that reply is one frame of Spark's transport, at most {@code Integer.MAX_VALUE} bytes
 * (about 2 GiB; local mode does not serialise it, but the same limit is applied there so that a
 * run that passes locally passes on a cluster;
 * {@code spark.rpc.message.maxSize} does not apply to it: it limits task launches, task results
 * and map statuses). mtl4j's messages are Base64 text (one byte per character; 4/3 of the raw
 * bytes), so the replicas' messages together must stay under {@link #LIMIT} characters, e.g. 4
 * replicas × (P float32 parameters + DbMtl's T×P float64 state) at k &gt; 1: {@code 4 · (16/3 +
 * 32/3 · T) · P} bytes, under 2 GiB for P up to about 20 million parameters with T = 2.
 *
 * <p>Example: {@code GatherLimit.require(message.length(), replicas, "parameter averaging");}
 */
final class GatherLimit {

    /** {@code Integer.MAX_VALUE} less 16 MiB for the reply's framing and serialisation. */
    static final long LIMIT = Integer.MAX_VALUE - (16L << 20);

    private GatherLimit() {}

    /**
     * Checks that {@code replicas} messages of {@code chars} characters fit one reply.
     *
     * @throws IllegalArgumentException naming the size, the limit and the fixes
     */
    static void require(long chars, int replicas, String exchange) {
        long total = chars * replicas;
        if (total > LIMIT) {
            throw new IllegalArgumentException("The replicas' " + exchange + " exchange is too"
                    + " large for Spark's allGather, whose reply carries every replica's message"
                    + " in one RPC frame of at most 2 GiB. Received: " + replicas
                    + " replicas × " + chars + " characters = " + total + " characters (limit "
                    + LIMIT + "). Use fewer partitions, a smaller model, a weighting without"
                    + " per-parameter state (DbMtl keeps T × P values), or model.fit(...) on"
                    + " one machine.");
        }
    }
}
