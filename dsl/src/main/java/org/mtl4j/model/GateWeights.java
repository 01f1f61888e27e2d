package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The softmax weights of one gate for a batch.
 *
 * <p>Example: in MMoE with 8 experts, {@code gates.get(1).weights()} has shape (batch, 8) and each
 * row sums to 1; {@code experts()} names the experts of its columns.
 *
 * @param level the extraction level, from 1
 * @param task the task whose gate this is, or -1 for a shared gate (OMoE; PLE's inner levels)
 * @param experts the experts of the columns, in order
 * @param weights (batch, experts) gate probabilities
 */
public record GateWeights(int level, int task, List<Expert> experts, NDArray weights) {

    /** Copies the list. */
    public GateWeights {
        experts = List.copyOf(experts);
    }
}
