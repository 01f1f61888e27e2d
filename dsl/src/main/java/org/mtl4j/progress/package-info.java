/**
 * Progress of long calls: loops over configurations ({@code progress(noun, items)}) and long
 * {@code predict}/{@code evaluate} calls, shown as a bar in a notebook (the kernel installs it)
 * or a line on the console.
 *
 * <p>Example: {@code for (long seed : progress("seeds", List.of(1L, 2L, 3L))) { ... }}
 */
package org.mtl4j.progress;
