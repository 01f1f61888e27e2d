/**
 * Task metrics computed on the host from predictions: {@code accuracy()}, {@code macroF1()},
 * {@code rmse()} and the metric {@code Mae} (the loss is {@code spec.losses.MeanAbsoluteError}).
 *
 * <p>Example: {@code .task("species").head(dense(3)).loss(crossEntropy()).metric(accuracy())}
 */
package org.mtl4j.spec.metrics;
