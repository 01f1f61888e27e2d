/**
 * XChart charts from a training history: per-task losses, task weights, metrics, learning rate,
 * run comparisons and class reports; no I/O inside (see {@link org.mtl4j.plot.ChartFiles} to
 * write them).
 *
 * <p>Example: {@code Charts.loss(model.history())}
 */
package org.mtl4j.plot;
