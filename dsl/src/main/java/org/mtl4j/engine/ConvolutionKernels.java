package org.mtl4j.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;
import org.mtl4j.annotation.Internal;

/**
 * Turns libtorch's oneDNN (MKL-DNN) and NNPACK kernels off, once per process before mtl4j's first
 * model, so that training convolutions run libtorch's own kernel (the image unfolded, one MKL
 * matrix product) on every processor. With oneDNN, libtorch 2.7.1's float32 convolution gradients
 * on the CPU were sometimes NaN while every input, weight and loss was finite: seen on an AMD EPYC
 * (AVX-512), where one test run of notebook 08 in three stopped on it, and where a garbage
 * collection between forward and backward makes it show within a few steps ({@code
 * ConvolutionKernelsTest}); never with oneDNN off. NNPACK, libtorch's next choice for such
 * convolutions, is unsupported on that processor, so with it on, other processors would train
 * with a kernel nobody tested here.
 *
 * <p>Passes without gradients (evaluation, prediction, gate weights: {@link ChunkedForward}) turn
 * oneDNN back on while they run ({@link #forInference()}): its forward convolutions are about
 * 2.5× faster there, and the fault was only ever seen in gradients. The switch is process-wide,
 * so a fit on another thread that steps during such a pass computes with oneDNN too (its
 * divergence guard still sees a NaN).
 *
 * <p>{@code -Dmtl4j.onednn=true} (a system property set before the first model is built) leaves
 * both on, e.g. to compare speeds. DJL offers no switch, so this calls libtorch's {@code
 * at::globalContext().setUserEnabledMkldnn(false)} and {@code setUserEnabledNNPACK(false)}
 * through JNA; where that fails (a library that does not export them under these names, or JNA
 * missing), they stay on and {@link #state()} says why.
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
    /** dlopen's RTLD_LAZY alone: libtorch's symbols stay local, as DJL loaded them. */
    private static final int RTLD_LAZY = 1;

    private static String state;
    /** libtorch and its global context, once the switch took; else null. */
    private static NativeLibrary torch;
    private static Pointer context;
    /** Passes without gradients running now (oneDNN is on while this is above 0). */
    private static int inferencePasses;

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
            Engine.getEngine("PyTorch");
            NativeLibrary torch = NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(),
                    System.mapLibraryName("torch_cpu")).toString(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.getFunction(SET_MKLDNN).invokeVoid(new Object[] {context, 0});
            torch.getFunction(SET_NNPACK).invokeVoid(new Object[] {context, 0});
            boolean off = !enabled(torch, MKLDNN, context) && !enabled(torch, NNPACK, context);
            state = off ? OWN : "oneDNN or NNPACK still on (libtorch did not take the switch)";
            if (off) {
                ConvolutionKernels.torch = torch;
                ConvolutionKernels.context = context;
            }
        } catch (LinkageError | RuntimeException e) {
            state = "oneDNN and NNPACK left on (" + e + ")";
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

    /** Whether libtorch uses oneDNN now (its own flag, once mtl4j holds the switch). */
    public static synchronized boolean oneDnnEnabled() {
        return torch == null ? !OWN.equals(state) : enabled(torch, MKLDNN, context);
    }

    /**
     * Turns oneDNN on until closed, for a pass without gradients, where mtl4j had turned it off
     * (nothing to do otherwise); nested and overlapping passes keep it on until the last closes.
     *
     * <p>Example: {@code try (ConvolutionKernels.Inference on = ConvolutionKernels.forInference())
     * { ... }}
     */
    public static Inference forInference() {
        synchronized (ConvolutionKernels.class) {
            if (torch == null) {
                return new Inference(false);
            }
            if (inferencePasses++ == 0) {
                setOneDnn(true);
            }
            return new Inference(true);
        }
    }

    /** A pass without gradients that {@link #forInference()} started; closing it ends it. */
    public static final class Inference implements AutoCloseable {

        /** Whether this pass counts in {@code inferencePasses} (until closed). */
        private boolean counted;

        private Inference(boolean counted) {
            this.counted = counted;
        }

        @Override
        public void close() {
            synchronized (ConvolutionKernels.class) {
                if (counted && --inferencePasses == 0) {
                    setOneDnn(false);
                }
                counted = false;
            }
        }
    }

    private static void setOneDnn(boolean on) {
        torch.getFunction(SET_MKLDNN).invokeVoid(new Object[] {context, on ? 1 : 0});
    }

    /** A C++ bool getter's value: it comes back in the low byte of the register. */
    private static boolean enabled(NativeLibrary torch, String getter, Pointer context) {
        return (torch.getFunction(getter).invokeInt(new Object[] {context}) & 0xFF) != 0;
    }
}
