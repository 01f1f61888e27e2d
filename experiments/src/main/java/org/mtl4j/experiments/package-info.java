/**
 * Experiments behind README figures (the GradNorm toy and MMoE reproductions against the PyTorch
 * reference scripts' figures, task correlation), run from the command line; not used by the
 * kernel.
 *
 * <p>Example: {@code experiments/run.sh MmoeReproduction}
 */
package org.mtl4j.experiments;
