package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The logit of a joint outcome, for a task that follows another ({@code .given("click")}): with
 * a the given task's logit and b this head's (the logit of P(this | given)), the joint
 * probability is σ(a)·σ(b), and its logit is z = −log(e^−a + e^−b + e^−(a+b)), since 1 + e^−z =
 * (1 + e^−a)(1 + e^−b). Computed through a log-softmax over the three terms, so it stays finite for any a and b, and
 * differentiable in both (the given task's head learns from the joint loss too).
 *
 * <p>Example: {@code GivenOutcome.jointLogit(clickLogits, conversionLogits)}, rows × 1 each.
 */
final class GivenOutcome {

    private GivenOutcome() {}

    /** z with σ(z) = σ(given) · σ(then), element by element. */
    static NDArray jointLogit(NDArray given, NDArray then) {
        // −log Σ e^s over s = (−a, −b, −a−b) is log-softmax(s)[0] − s[0] = log-softmax(s)[0] + a
        NDArray minusGiven = given.neg();
        NDArray terms = NDArrays.stack(
                new NDList(minusGiven, then.neg(), minusGiven.sub(then)), 0);
        return terms.logSoftmax(0).get(0).add(given);
    }
}
