/**
 * The {@code mtl4j} command: {@code install} / {@code uninstall} the kernelspec, {@code jshell}
 * with the DSL imported, {@code quickstart}. Depends on the kernel package, never the reverse.
 *
 * <p>Example: {@code java -jar mtl4j-kernel.jar install --user}
 */
package org.mtl4j.cli;
