package org.mtl4j.train;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The devices of one machine that a fit splits each batch across ({@code devices(2)} or {@code
 * devices(Device.gpu(0), Device.gpu(1))}). The first device holds the model's parameters and the
 * optimizer; every step cuts the batch's rows into one contiguous shard per device, runs the
 * forward and backward of each shard on its device with a copy of the parameters, and adds the
 * shards' gradients up on the first device before the update, so the update is the one a single
 * device makes on the whole batch (up to the order of float sums). See {@link DeviceShards}.
 *
 * <p>Example: {@code model.fit(table, epochs(5), adam(1e-3), devices(2))}; on a machine without
 * several GPUs, {@code devices(Device.cpu(), Device.cpu())} runs the same splitting and combining
 * on the CPU (only useful for testing: it is slower than one device).
 *
 * <p>Defaults: none, i.e. one device ({@code device(...)}, or the GPU when DJL sees one). A batch
 * with fewer rows than devices uses only its first rows' devices (one row each).
 */
public final class Devices {

    private final int firstGpus;
    private final List<Device> listed;

    private Devices(int firstGpus, List<Device> listed) {
        this.firstGpus = firstGpus;
        this.listed = listed;
    }

    /** The first {@code count} GPUs DJL sees, {@code gpu(0)} to {@code gpu(count - 1)}. */
    static Devices firstGpus(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("devices(n) needs at least one device. Received:"
                    + " devices(" + count + "). Use e.g. devices(2) for the first two GPUs.");
        }
        return new Devices(count, null);
    }

    /**
     * Exactly these devices, the first holding the parameters; a GPU may be listed once,
     * {@code Device.cpu()} any number of times (CPU shards, to test the splitting).
     */
    static Devices of(Device... devices) {
        if (devices == null || devices.length == 0) {
            throw new IllegalArgumentException("devices(...) needs at least one device."
                    + " Received: devices(). Use e.g. devices(Device.gpu(0), Device.gpu(1)).");
        }
        List<Device> list = new ArrayList<>();
        for (int i = 0; i < devices.length; i++) {
            Device device = devices[i];
            if (device == null) {
                throw new IllegalArgumentException("devices(...) received null as device " + (i + 1)
                        + ". Received: devices(" + names(devices) + "). Use e.g."
                        + " devices(Device.gpu(0), Device.gpu(1)).");
            }
            if (device instanceof Device.MultiDevice) {
                throw new IllegalArgumentException("devices(...) takes single devices. Received: "
                        + device + ". List them one by one, e.g."
                        + " devices(Device.gpu(0), Device.gpu(1)).");
            }
            if (device.isGpu() && list.contains(device)) {
                throw new IllegalArgumentException("devices(...) lists " + device + " twice."
                        + " Received: devices(" + names(devices) + "). List each GPU once; only"
                        + " Device.cpu() may repeat (to test the splitting without GPUs).");
            }
            list.add(device);
        }
        return new Devices(0, List.copyOf(list));
    }

    /**
     * The devices of the fit on a machine where DJL sees {@code gpus} GPUs.
     *
     * @throws IllegalArgumentException when {@code devices(n)} asks for more GPUs than there are
     */
    List<Device> resolve(int gpus) {
        if (listed != null) {
            return listed;
        }
        if (firstGpus > gpus) {
            throw new IllegalArgumentException("devices(" + firstGpus + ") needs " + firstGpus
                    + (firstGpus == 1 ? " GPU" : " GPUs") + ", but DJL sees "
                    + (gpus == 0 ? "none" : String.valueOf(gpus)) + " on this machine. Received:"
                    + " devices(" + firstGpus + "). "
                    + (gpus == 0 ? "Leave devices(...) out to train on the CPU"
                            : "Use devices(" + gpus + ") or fewer")
                    + "; only to test the splitting without GPUs, devices(Device.cpu(),"
                    + " Device.cpu()) runs it on the CPU.");
        }
        List<Device> gpuList = new ArrayList<>();
        for (int i = 0; i < firstGpus; i++) {
            gpuList.add(Device.gpu(i));
        }
        return List.copyOf(gpuList);
    }

    @Override
    public String toString() {
        return "devices(" + (listed == null ? String.valueOf(firstGpus)
                : names(listed.toArray(new Device[0]))) + ")";
    }

    private static String names(Device[] devices) {
        return Arrays.stream(devices).map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
