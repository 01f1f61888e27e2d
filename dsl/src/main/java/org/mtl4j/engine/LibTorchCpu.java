package org.mtl4j.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Map;

/**
 * The libtorch CPU library DJL loaded, opened through JNA for the few libtorch functions DJL
 * has no binding for ({@link ConvolutionKernels}, {@link FusedAdamKernel}). The names are C++
 * mangled names of libtorch 2.7.1 (x86-64 Linux); callers check that a name is there and fall
 * back when not.
 *
 * <p>Example: {@code LibTorchCpu.library().getFunction("_ZN2at13globalContextEv")}
 */
final class LibTorchCpu {

    /** dlopen's RTLD_LAZY alone: libtorch's symbols stay local, as DJL loaded them. */
    private static final int RTLD_LAZY = 1;

    private LibTorchCpu() {}

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
