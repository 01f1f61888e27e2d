package org.mtl4j.weighting;

/**
 * Turns the inner products of the labelled tasks' shared gradients into the weight of each
 * gradient in the combined update {@code d = Σ α_i g_i}. Most gradient-combining strategies in
 * mtl4j (PCGrad, MGDA, CAGrad, IMTL-G, Nash-MTL, UPGrad, Aligned-MTL, FairGrad) are such rules:
 * each only needs {@code g_i · g_j}. GradVac (targets per pair of tasks) and DB-MTL (moving
 * averages of the gradients) keep more state and have weighers of their own.
 * A rule of your own becomes a strategy with {@link GradientWeighting}.
 *
 * <p>Example: {@code gram -> new double[] {1, 1}} is equal weighting of two tasks.
 */
@FunctionalInterface
public interface GradientRule {

    /**
     * @param gram {@code gram[i][j] = g_i · g_j}, n × n for n ≥ 1 labelled tasks
     * @return n weights α_i
     */
    double[] weights(double[][] gram);

    /**
     * The weights when the rule also needs the labelled tasks' loss values (MGDA's loss
     * normalisations): called instead of {@link #weights(double[][])} when {@link #usesLosses()}.
     *
     * @param gram {@code gram[i][j] = g_i · g_j}
     * @param losses the labelled tasks' losses, in the Gram matrix's order
     * @return n weights α_i
     */
    default double[] weights(double[][] gram, double[] losses) {
        return weights(gram);
    }

    /** Whether the rule reads the tasks' loss values (which costs a copy to the host per step). */
    default boolean usesLosses() {
        return false;
    }

    /**
     * The rule's state as named vectors (learnt weights, loss history, random position...), for
     * saving with the model; empty for a stateless rule.
     */
    default java.util.Map<String, double[]> state() {
        return java.util.Map.of();
    }

    /** As {@link TaskWeigher#stateMerging()}. */
    default java.util.Map<String, StateMerge> stateMerging() {
        return java.util.Map.of();
    }

    /**
     * Goes back to a state {@link #state()} gave (a loaded model's).
     *
     * @throws IllegalArgumentException if the state does not fit this rule
     */
    default void restore(java.util.Map<String, double[]> state) {}
}
