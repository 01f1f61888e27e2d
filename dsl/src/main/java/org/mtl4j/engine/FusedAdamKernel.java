package org.mtl4j.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicLong;
import org.mtl4j.annotation.Internal;

/**
 * libtorch's fused CPU Adam kernel ({@code at::cpu::_fused_adam_}, the kernel behind PyTorch's
 * {@code Adam(fused=True)}): one pass over the weights, the gradient and both moments, where the
 * same step as tensor operations makes about 28 passes over them, and DJL's native Adam call
 * about ten tensor operations. {@link FusedAdam} uses it for a fit's packed parameters on the
 * CPU.
 *
 * <p>DJL has no binding for it, so this calls it through JNA. The kernel takes lists of tensors
 * (C++ {@code ArrayRef<Tensor>}: a pointer and a length); a DJL array's handle points to its
 * {@code at::Tensor}, so a list of one tensor is the handle and 1.
 *
 * <p>Its formula is PyTorch's, {@code w -= lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε)}, with t read from
 * a step tensor. Here that tensor holds {@link Float#MAX_VALUE}, so both bias corrections are
 * exactly 1 and the caller's rate (already bias-corrected, as DJL's form does) applies as given:
 * {@code w -= rate · m / (√v + ε)}, DJL's formula. The kernel updates m as {@code m + (1-β₁)(g −
 * m)} and v as {@code β₂·v + (1-β₂)·g·g}: the values of {@link FusedAdam}'s tensor operations up
 * to float32 rounding.
 *
 * <p>A C++ exception thrown inside the kernel would end the JVM, so {@link #takes} checks the
 * arrays before every call (open, on the CPU, float32, vectors of one size; contiguity is the
 * caller's to guarantee), and the caller takes its other path (DJL's native Adam call or tensor
 * operations) when it says no or when the library lacks the kernel ({@link #state()}).
 *
 * <p>Example: {@code FusedAdamKernel kernel = FusedAdamKernel.forFit(fitManager);} then each step
 * {@code if (kernel.takes(w, g, m, v)) kernel.step(w, g, m, v, rate, 0.9f, 0.999f, 1e-8f);}
 */
@Internal
public final class FusedAdamKernel {

    /**
     * {@code at::cpu::_fused_adam_(TensorList ×6, double lr, beta1, beta2, weight_decay, eps,
     * bool amsgrad, bool maximize, const optional<Tensor>& grad_scale, found_inf)}.
     */
    static final String SYMBOL = "_ZN2at3cpu12_fused_adam_EN3c108ArrayRefINS_6TensorEEES4_S4_S4_"
            + "S4_S4_dddddbbRKSt8optionalIS3_ES8_";

    private static Function kernel;
    private static String state;
    private static final AtomicLong CALLS = new AtomicLong();

    private final Function function;
    private final NDArray stepNumber;

    private FusedAdamKernel(Function function, NDArray stepNumber) {
        this.function = function;
        this.stepNumber = stepNumber;
    }

    /**
     * The kernel for one fit, its step tensor in {@code manager}, or null when the library does
     * not have the kernel ({@link #state()} says why).
     */
    static FusedAdamKernel forFit(NDManager manager) {
        Function function = function();
        if (function == null) {
            return null;
        }
        NDArray step = manager.create(new float[] {Float.MAX_VALUE});
        return new FusedAdamKernel(function, step.toDevice(Device.cpu(), false));
    }

    /**
     * Whether the kernel can take these arrays: all open, on the CPU, float32, vectors of one
     * size. They must also be contiguous, which DJL gives no way to check: the kernel writes
     * {@code size} values from each array's first one, so a strided view would be corrupted.
     * {@link FusedAdam}, the only caller, passes vectors made by {@code zeros} or a
     * concatenation.
     */
    boolean takes(NDArray weights, NDArray gradient, NDArray mean, NDArray variance) {
        NDArray[] arrays = {weights, gradient, mean, variance, stepNumber};
        for (NDArray array : arrays) {
            if (array.isReleased()) {
                return false;
            }
        }
        long size = weights.size();
        for (NDArray array : new NDArray[] {weights, gradient, mean, variance}) {
            if (!array.getDevice().equals(Device.cpu())
                    || array.getDataType() != DataType.FLOAT32
                    || array.getShape().dimension() != 1 || array.size() != size) {
                return false;
            }
        }
        return true;
    }

    /**
     * One Adam step in place: {@code m = β₁m + (1-β₁)g; v = β₂v + (1-β₂)g²; w -= rate · m / (√v
     * + ε)}. Call only when {@link #takes} is true.
     */
    void step(NDArray weights, NDArray gradient, NDArray mean, NDArray variance,
            float rate, float beta1, float beta2, float epsilon) {
        function.invokeVoid(new Object[] {
            LibTorchCpu.tensor(weights), 1L, LibTorchCpu.tensor(gradient), 1L, LibTorchCpu.tensor(mean), 1L, LibTorchCpu.tensor(variance), 1L,
            Pointer.NULL, 0L, LibTorchCpu.tensor(stepNumber), 1L,
            (double) rate, (double) beta1, (double) beta2, 0.0, (double) epsilon,
            false, false, LibTorchCpu.NO_TENSOR, LibTorchCpu.NO_TENSOR});
        CALLS.incrementAndGet();
    }

    /** How many steps the kernel took in this process (for tests). */
    static long calls() {
        return CALLS.get();
    }

    /**
     * {@code "libtorch's fused CPU Adam"} when the kernel was found, else why not, e.g. {@code
     * "DJL's native Adam call or tensor operations (libtorch's at::cpu::_fused_adam_ not found:
     * ...)"} (looked up at the first call).
     */
    public static synchronized String state() {
        function();
        return state;
    }

    private static synchronized Function function() {
        if (state == null) {
            try {
                kernel = LibTorchCpu.library().getFunction(SYMBOL);
                state = "libtorch's fused CPU Adam";
            } catch (LinkageError | RuntimeException e) {
                state = "DJL's native Adam call or tensor operations (libtorch's"
                        + " at::cpu::_fused_adam_ not found: " + e + ")";
            }
        }
        return kernel;
    }
}
