/**
 * Experiments behind README figures (MMoE reproduction, task correlation), run from the command
 * line; not used by the kernel.
 *
 * <p>Example: {@code java -cp mtl4j-kernel.jar org.mtl4j.experiments.MmoeReproduction}
 */
package org.mtl4j.experiments;
