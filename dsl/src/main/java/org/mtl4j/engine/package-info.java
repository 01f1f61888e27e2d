/**
 * Internal: everything specific to DJL's PyTorch engine, behind one boundary: the JNI calls
 * ({@link org.mtl4j.engine.Torch}), autograd off ({@link org.mtl4j.engine.NoGrad}), long-lived
 * scalar tensors ({@link org.mtl4j.engine.Scalars}), mtl4j's one Adam ({@link
 * org.mtl4j.engine.FusedAdam}, in DJL's or PyTorch's form; {@link
 * org.mtl4j.engine.FusedAdamOptimizer} as a DJL optimizer) and the chunked no-grad forward of
 * evaluation, prediction and gate weights ({@link org.mtl4j.engine.ChunkedForward}), and the
 * choice of libtorch's convolution kernels ({@link org.mtl4j.engine.ConvolutionKernels}) and its
 * fused CPU Adam kernel ({@link org.mtl4j.engine.FusedAdamKernel}), both called through JNA. An
 * architecture test keeps {@code ai.djl.pytorch}, DJL's Adam and tensor ops with a Java number
 * operand out of every other package.
 *
 * <p>Example: {@code try (NoGrad ignored = new NoGrad()) { block.forward(store, inputs, false); }}
 */
@Internal
package org.mtl4j.engine;

import org.mtl4j.annotation.Internal;
