/**
 * The Jupyter kernel: JShell cells evaluated in this JVM, magics, completion and inspection, the
 * notebook API ({@code display}, {@code updateDisplay}) and {@link
 * org.mtl4j.kernel.Mtl4jExtension}, the one class that also plugs mtl4j into a stock JJava kernel.
 * Threads: socket loops in {@code sockets}, the shell thread evaluating cells, the publisher
 * thread sending all output (see ARCHITECTURE.md).
 *
 * <p>Example: {@code Mtl4jKernel kernel = Mtl4jKernel.create(List.of()); kernel.eval("1 + 1");}
 */
package org.mtl4j.kernel;
