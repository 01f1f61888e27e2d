/**
 * Training: the loop (one forward of the trunk per batch, every head, the weighting's backward,
 * the optimizer), fit options, listeners and the immutable {@link
 * org.mtl4j.train.TrainingHistory}. {@link org.mtl4j.train.FitListener} is the hook for views of
 * your own.
 *
 * <p>Example: {@code model.fit(table, epochs(20), batchSize(64), adam(1e-3), listener(myView))}
 */
package org.mtl4j.train;
