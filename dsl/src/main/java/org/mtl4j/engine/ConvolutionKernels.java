package org.mtl4j.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.mtl4j.annotation.Internal;

/**
 * Turns libtorch's oneDNN (MKL-DNN) and NNPACK kernels off, once per process before mtl4j's first
 * model, so that convolutions run libtorch's own kernel (the image unfolded, one MKL matrix
 * product) on every processor. With oneDNN, libtorch 2.7.1's float32 convolution gradients on
 * the CPU were sometimes NaN while every input, weight and loss was finite: seen on an AMD EPYC
 * (AVX-512), where one test run of notebook 08 in three stopped on it, and where a garbage
 * collection between forward and backward makes it show within a few steps ({@code
 * ConvolutionKernelsTest}); never with oneDNN off. NNPACK, libtorch's next choice for such
 * convolutions, is unsupported on that processor, so with it on, other processors would train
 * with a kernel nobody tested here.
 *
 * <p>Passes without gradients (evaluation, prediction) use libtorch's own kernel too, although
 * the fault was only seen in gradients: oneDNN's forward convolutions have faults of their own on
 * AMD EPYC processors (pytorch/pytorch#177227, a crash), and one setting for the whole process
 * cannot be changed under a fit running on another thread. Evaluating a convolutional model is
 * slower for it.
 *
 * <p>{@code -Dmtl4j.onednn=true} (a system property set before the first model is built) leaves
 * both on, e.g. to compare speeds. DJL offers no switch, so this calls libtorch's {@code
 * at::globalContext().setUserEnabledMkldnn(false)} and {@code setUserEnabledNNPACK(false)}
 * through JNA; where that fails (a library that does not export them under these names, or JNA
 * missing), they may stay on and {@link #state()} says why.
 *
 * <p>Example: {@code ConvolutionKernels.applyChoice();} then {@code ConvolutionKernels.state()}
 * is {@code "libtorch's own (oneDNN and NNPACK off)"}.
 */
@Internal
public final class ConvolutionKernels {

    /** The system property that leaves oneDNN and NNPACK on when {@code true}. */
    public static final String PROPERTY = "mtl4j.onednn";
    /** {@link #state()} once the switch took. */
    public static final String OWN = "libtorch's own (oneDNN and NNPACK off)";

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

    private static String state;

    private ConvolutionKernels() {}

    /**
     * Turns oneDNN and NNPACK off unless {@value #PROPERTY} is {@code true}; only the first call
     * acts.
     */
    public static synchronized void applyChoice() {
        if (state != null) {
            return;
        }
        if (Boolean.getBoolean(PROPERTY)) {
            state = "oneDNN and NNPACK left on (-D" + PROPERTY + "=true)";
            return;
        }
        try {
            NativeLibrary torch = LibTorchCpu.library();
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.getFunction(SET_MKLDNN).invokeVoid(new Object[] {context, 0});
            torch.getFunction(SET_NNPACK).invokeVoid(new Object[] {context, 0});
            boolean off = !enabled(torch, MKLDNN, context) && !enabled(torch, NNPACK, context);
            state = off ? OWN : "oneDNN or NNPACK still on (libtorch did not take the switch)";
        } catch (LinkageError | RuntimeException e) {
            state = "oneDNN and NNPACK not confirmed off (" + e + ")";
        }
    }

    /**
     * The kernels libtorch's convolutions use: {@link #OWN}, or why oneDNN and NNPACK are on,
     * e.g. {@code "oneDNN and NNPACK left on (-Dmtl4j.onednn=true)"}; {@code "not set yet"}
     * before {@link #applyChoice()}.
     */
    public static synchronized String state() {
        return state == null ? "not set yet" : state;
    }

    /** A C++ bool getter's value: it comes back in the low byte of the register. */
    private static boolean enabled(NativeLibrary torch, String getter, Pointer context) {
        return (torch.getFunction(getter).invokeInt(new Object[] {context}) & 0xFF) != 0;
    }
}
