/**
 * Renderers by type (charts as PNG or SVG, Tablesaw tables as escaped HTML, models and runs as
 * HTML summaries) and the live training view; never loads JavaScript. Sees the kernel only
 * through {@link org.mtl4j.kernel.display.DisplaySink} and {@link
 * org.mtl4j.kernel.display.OwnDisplayKernel}, so it does not depend on the kernel package.
 *
 * <p>Example: {@code model.fit(table, epochs(20), listener(new LiveTrainingView(sink)))}
 */
package org.mtl4j.kernel.display;
