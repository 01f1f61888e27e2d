package org.mtl4j.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The libtorch CPU library DJL loaded, opened through JNA for the few libtorch functions DJL
 * has no binding for ({@link ConvolutionKernels}, {@link FusedAdamKernel}, {@link LossKernels}),
 * with the arguments their calls share. The names are C++
 * mangled names of libtorch 2.7.1 (x86-64 Linux); callers check that a name is there and fall
 * back when not.
 *
 * <p>Example: {@code LibTorchCpu.library().getFunction("_ZN2at13globalContextEv")}
 */
final class LibTorchCpu {

    /** dlopen's RTLD_LAZY alone: libtorch's symbols stay local, as DJL loaded them. */
    private static final int RTLD_LAZY = 1;

    /**
     * An empty {@code std::optional<at::Tensor>} (a null tensor and a false flag, 16 bytes), for
     * optional tensor arguments passed by reference; never written.
     */
    static final Memory NO_TENSOR = emptyOptional();

    private LibTorchCpu() {}

    /**
     * What a C++ {@code const at::Tensor&} argument takes for a DJL array: its handle, which
     * points to its {@code at::Tensor} (a list of one tensor is this pointer and 1).
     */
    static Pointer tensor(NDArray array) {
        return new Pointer(((PtNDArray) array).getHandle());
    }

    private static Memory emptyOptional() {
        Memory optional = new Memory(16);
        optional.clear();
        return optional;
    }

    /**
     * The library (JNA keeps one instance per name; DJL's engine is started first so that its
     * libtorch is the one found).
     *
     * @throws UnsatisfiedLinkError when the library cannot be opened
     */
    static NativeLibrary library() {
        Engine.getEngine("PyTorch");
        return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(),
                System.mapLibraryName("torch_cpu")).toString(),
                Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
    }
}
