/**
 * Task losses, computed per example with tensor operands only: {@code crossEntropy()}, {@code
 * binaryCrossEntropy()}, {@code mse()}, {@code mae()} (L1) and {@code huber(delta)}; each says
 * what its task predicts ({@link org.mtl4j.spec.losses.LabelKind}). To add one: a record
 * implementing the sealed {@link org.mtl4j.spec.losses.Loss}, a factory in {@code Mtl4j} and its
 * name in {@code persist.RecordJson}; the gradient tests then cover it.
 *
 * <p>Example: {@code .task("stars").head(dense(1)).loss(huber(1.0))}
 */
package org.mtl4j.spec.losses;
