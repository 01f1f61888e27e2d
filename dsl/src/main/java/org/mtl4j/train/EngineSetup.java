package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mtl4j.annotation.Internal;
import org.mtl4j.engine.Torch;

/**
 * Chooses the device and thread count, seeds the engine, and reports the choice once per JVM.
 *
 * <p>Threads: libtorch's intra-op pool spinning on 2 cores against the JIT and GC costs ~2× in
 * throughput, so the default is 1 thread on machines with 2 cores or fewer and half the cores (at
 * most 8) otherwise; {@code MTL4J_THREADS} or {@code threads(n)} override it.
 */
@Internal
public final class EngineSetup {

    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private EngineSetup() {}

    /** The device of a fit: the setting, else the GPU when DJL sees one, else the CPU. */
    public static Device device(FitSettings settings) {
        if (settings.devices() != null) {
            return devices(settings).get(0);
        }
        return settings.device() != null
                ? settings.device()
                : Engine.getEngine("PyTorch").defaultDevice();
    }

    /**
     * Every device of a fit, the first holding the model: {@code devices(...)}'s, else the one
     * {@link #device} chooses.
     *
     * @throws IllegalArgumentException when {@code devices(n)} asks for more GPUs than DJL sees
     */
    static List<Device> devices(FitSettings settings) {
        return settings.devices() != null
                ? settings.devices().resolve(Engine.getEngine("PyTorch").getGpuCount())
                : List.of(device(settings));
    }

    /** The thread count of a fit. */
    public static int threads(FitSettings settings) {
        if (settings.threads() > 0) {
            return settings.threads();
        }
        String fromEnvironment = System.getenv("MTL4J_THREADS");
        if (fromEnvironment != null && fromEnvironment.matches("[1-9][0-9]*")) {
            return Integer.parseInt(fromEnvironment);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 1 : Math.min(8, cores / 2);
    }

    /**
     * Applies the thread count and seed, and prints the device once per JVM unless quiet.
     *
     * @return the device to train on
     */
    public static Device prepare(FitSettings settings) {
        Engine engine = Engine.getEngine("PyTorch");
        int threads = threads(settings);
        if (Torch.threads() != threads) {
            Torch.setThreads(threads);
        }
        engine.setRandomSeed(Long.hashCode(settings.seed()));
        Device device = device(settings);
        if (!settings.quiet() && REPORTED.compareAndSet(false, true)) {
            int more = settings.devices() == null ? 0 : devices(settings).size() - 1;
            System.out.println("mtl4j: training on " + device
                    + (more > 0 ? " and " + more + " more device" + (more == 1 ? "" : "s") : "")
                    + " with PyTorch "
                    + engine.getVersion() + ", " + threads + " CPU thread"
                    + (threads == 1 ? "" : "s") + " (change with device(...), threads(n)).");
        }
        return device;
    }
}
