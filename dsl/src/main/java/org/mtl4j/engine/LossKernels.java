package org.mtl4j.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.mtl4j.annotation.Internal;

/**
 * libtorch's own loss operations, each one call with one backward node ({@code at::mse_loss}) or
 * two ({@code at::cross_entropy_loss}: a log-softmax and a negative log-likelihood), where the
 * same losses as DJL tensor operations take three to five operations and nodes. A small model's
 * training step is mostly such per-operation overhead (README "Performance" gives what this saved
 * on the benchmark's small model). They run through libtorch's dispatcher, so autograd records
 * them as it records DJL's operations. Their gradients are the same formulas as DJL's operations
 * give ({@code UploadedFitNumericsTest}'s fits kept every bit of their parameters; the loss values
 * round differently). Only on the CPU: no GPU was at hand to test them on one.
 *
 * <p>DJL has no binding for them, so this calls them through JNA. A C++ function returns an
 * {@code at::Tensor} into memory its caller gives; that memory comes from libstdc++'s {@code
 * operator new}, so it is exactly what DJL's handles are ({@code new at::Tensor(...)}) and DJL
 * frees it as it frees its own.
 *
 * <p>A C++ exception thrown inside libtorch would end the JVM, so every call first checks what
 * libtorch would refuse: devices (the CPU), data types, shapes. Class labels out of range are the
 * one refusal a check here cannot see without reading the labels: callers pass labels that
 * mtl4j's encoder made (every index below the head's width), never a user's arrays. Where a check
 * fails or libtorch lacks a function, the methods return null and the caller computes the loss
 * with DJL's operations.
 *
 * <p>Example: {@code NDArray loss = LossKernels.meanSquaredError(output, labels, MEAN);} then
 * {@code if (loss == null) loss = output.reshape(-1).sub(labels).square().mean();}
 */
@Internal
public final class LossKernels {

    /** libtorch's reduction: one loss per row. */
    public static final long NONE = 0;
    /** libtorch's reduction: the mean over the rows. */
    public static final long MEAN = 1;

    /** {@code at::_ops::mse_loss::call(const Tensor& self, const Tensor& target, int64_t)}. */
    static final String MSE = "_ZN2at4_ops8mse_loss4callERKNS_6TensorES4_l";
    /**
     * {@code at::_ops::cross_entropy_loss::call(self, target, const optional<Tensor>& weight,
     * int64_t reduction, SymInt ignore_index, double label_smoothing)}.
     */
    static final String CROSS_ENTROPY = "_ZN2at4_ops18cross_entropy_loss4callERKNS_6TensorES4_"
            + "RKSt8optionalIS2_ElN3c106SymIntEd";
    /** libstdc++'s {@code operator new(size_t)}. */
    static final String NEW = "_Znwm";

    /** An {@code at::Tensor} is one pointer (its {@code TensorImpl}). */
    private static final long TENSOR_BYTES = 8;
    /** PyTorch's default {@code ignore_index}, a label no encoded class has. */
    private static final long IGNORE_INDEX = -100;

    private static Function mse;
    private static Function crossEntropy;
    private static Function allocate;
    private static Memory ignoreIndex;
    private static String state;
    private static volatile boolean ready;

    private LossKernels() {}

    /**
     * {@code (output − labels)²}, per row ({@link #NONE}) or its mean ({@link #MEAN}), or null
     * when libtorch cannot take these arrays here.
     *
     * @param output shape (rows, 1)
     * @param labels shape (rows), the output's data type
     * @throws IllegalArgumentException for a reduction other than {@link #NONE} and {@link #MEAN}
     */
    public static NDArray meanSquaredError(NDArray output, NDArray labels, long reduction) {
        checkReduction(reduction);
        if (!functions() || !onCpu(output, labels) || !floating(output.getDataType())
                || labels.getDataType() != output.getDataType()) {
            return null;
        }
        Shape shape = output.getShape();
        if (shape.dimension() != 2 || shape.get(1) != 1 || !labels.getShape().equals(
                new Shape(shape.get(0)))) {
            return null;
        }
        try (NDArray column = labels.reshape(shape)) {
            NDArray loss = call(mse, output, LibTorchCpu.tensor(output), LibTorchCpu.tensor(column), reduction);
            return reduction == NONE ? loss.reshape(-1) : loss;
        }
    }

    /**
     * {@code −log softmax(output)[label]}, per row ({@link #NONE}) or its mean ({@link #MEAN}),
     * or null when libtorch cannot take these arrays here. Every label must be below the
     * output's width: libtorch refuses others, which would end the JVM.
     *
     * @param output shape (rows, classes)
     * @param labels shape (rows), int64 class indices
     * @throws IllegalArgumentException for a reduction other than {@link #NONE} and {@link #MEAN}
     */
    public static NDArray crossEntropy(NDArray output, NDArray labels, long reduction) {
        checkReduction(reduction);
        if (!functions() || !onCpu(output, labels) || !floating(output.getDataType())
                || labels.getDataType() != DataType.INT64) {
            return null;
        }
        Shape shape = output.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 1
                || !labels.getShape().equals(new Shape(shape.get(0)))) {
            return null;
        }
        return call(crossEntropy, output, LibTorchCpu.tensor(output), LibTorchCpu.tensor(labels), LibTorchCpu.NO_TENSOR, reduction,
                ignoreIndex, 0.0);
    }

    /**
     * {@code "libtorch's mse_loss and cross_entropy_loss"} when both were found, else why not
     * (looked up at the first call).
     */
    public static synchronized String state() {
        functions();
        return state;
    }

    private static NDArray call(Function function, NDArray owner, Object... arguments) {
        Pointer result = allocate.invokePointer(new Object[] {TENSOR_BYTES});
        Object[] all = new Object[arguments.length + 1];
        all[0] = result;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        function.invokePointer(all);
        return new PtNDArray((PtNDManager) owner.getManager(), Pointer.nativeValue(result));
    }

    private static void checkReduction(long reduction) {
        if (reduction != NONE && reduction != MEAN) {
            throw new IllegalArgumentException("A loss reduction must be LossKernels.NONE (0) or"
                    + " LossKernels.MEAN (1). Received: " + reduction + ".");
        }
    }

    private static boolean onCpu(NDArray output, NDArray labels) {
        return Device.cpu().equals(output.getDevice()) && Device.cpu().equals(labels.getDevice());
    }

    private static boolean floating(DataType type) {
        return type == DataType.FLOAT32 || type == DataType.FLOAT64;
    }

    private static boolean functions() {
        return ready || lookUp();
    }

    private static synchronized boolean lookUp() {
        if (state == null) {
            try {
                NativeLibrary torch = LibTorchCpu.library();
                mse = torch.getFunction(MSE);
                crossEntropy = torch.getFunction(CROSS_ENTROPY);
                allocate = torch.getFunction(NEW);
                ignoreIndex = new Memory(Long.BYTES);
                ignoreIndex.setLong(0, IGNORE_INDEX);
                state = "libtorch's mse_loss and cross_entropy_loss";
                ready = true;
            } catch (LinkageError | RuntimeException e) {
                state = "DJL's operations (libtorch's loss functions not found: " + e + ")";
            }
        }
        return ready;
    }
}
