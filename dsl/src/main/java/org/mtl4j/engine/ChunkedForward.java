package org.mtl4j.engine;

import ai.djl.ndarray.NDManager;

/**
 * Runs work over many rows without autograd, a chunk of rows at a time, each chunk in its own
 * sub-manager so that memory stays bounded by one chunk: the loop behind evaluation, prediction
 * and gate weights.
 *
 * <p>Example:
 *
 * <pre>{@code
 * ChunkedForward.over(table.rowCount(), 1024, manager, (chunk, from, to) -> {
 *     NDList out = block.forward(store, new NDList(features(chunk, from, to)), false);
 *     sums.add(out.head().sum().toFloatArray()[0]);
 * });
 * }</pre>
 */
public final class ChunkedForward {

    /** The work on the rows {@code [from, to)}; arrays it makes belong to {@code chunk}. */
    @FunctionalInterface
    public interface Chunk {
        /** Processes rows {@code [from, to)}. */
        void run(NDManager chunk, int from, int to);
    }

    private ChunkedForward() {}

    /**
     * Calls {@code work} for consecutive chunks of at most {@code chunkSize} of {@code rows} rows,
     * with autograd off, closing each chunk's sub-manager of {@code manager} after it.
     *
     * @throws IllegalArgumentException if {@code chunkSize} is not positive
     */
    public static void over(int rows, int chunkSize, NDManager manager, Chunk work) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException(
                    "Chunk size must be positive. Received: " + chunkSize + ". Use e.g. 1024.");
        }
        try (NoGrad ignored = new NoGrad()) {
            for (int from = 0; from < rows; from += chunkSize) {
                int to = Math.min(rows, from + chunkSize);
                try (NDManager chunk = manager.newSubManager()) {
                    work.run(chunk, from, to);
                }
            }
        }
    }
}
