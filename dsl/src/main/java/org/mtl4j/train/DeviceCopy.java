package org.mtl4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Copies an array's values to another device for {@link DeviceShards}, owned by the step's
 * manager of that device, leaving nothing behind in the array's own manager.
 *
 * <p>DJL 0.36's {@code toDevice} to a device other than the array's manager's opens a sub-manager
 * of <em>that</em> manager for the copy: copying a parameter straight from the model's manager
 * left an empty sub-manager under it per parameter per step, a leak that grew for the model's
 * life. Here the values are first detached into {@code owner}, so the copy is made from there.
 *
 * <p>Example: {@code NDArray there = DeviceCopy.of(parameterArray, Device.gpu(1), shardManager,
 * false)}.
 */
final class DeviceCopy {

    private DeviceCopy() {}

    /**
     * {@code array}'s values on {@code device}, outside any autograd graph, owned by {@code
     * owner} (the step's manager on {@code device}, or one it closes with the step).
     *
     * @param copy also copy when {@code array} already is on {@code device} (else the result
     *     may share its memory)
     */
    static NDArray of(NDArray array, Device device, NDManager owner, boolean copy) {
        NDArray values = array.stopGradient();
        values.attach(owner);
        NDArray moved = values.toDevice(device, copy);
        moved.attach(owner);
        return moved;
    }
}
