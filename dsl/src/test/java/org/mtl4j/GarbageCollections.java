package org.mtl4j;

/**
 * Forces garbage collections, with some allocation churn in between: gradient tests run it between
 * forward and backward, where a collection frees DJL's temporary scalar tensors (the DJL bug that
 * {@link org.mtl4j.engine.Scalars} works around).
 */
public final class GarbageCollections {

    private GarbageCollections() {}

    /** Three collections with 1 MiB of short-lived arrays around each. */
    public static void force() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            byte[][] churn = new byte[64][];
            for (int j = 0; j < churn.length; j++) {
                churn[j] = new byte[16 * 1024];
            }
        }
    }
}
